import { useState } from 'react';
import type { LiveSessionKind, Role } from '@app/contracts';
import { useNavigate } from 'react-router-dom';
import { problems } from '../../auth/validation';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { useApiForm } from '../../components/use-api-form';
import { useI18n } from '../../i18n';
import { liveApi } from './live-api';

type Field = 'title' | 'scheduledStart';
const TITLE_MAX = 80;

/** Who may host which kind (the api's rule): a sale is an anchor's or a trainee's, a class an instructor's. */
export function kindsFor(roles: readonly Role[]): LiveSessionKind[] {
  const kinds: LiveSessionKind[] = [];
  if (roles.includes('anchor') || roles.includes('trainee')) kinds.push('sale');
  if (roles.includes('instructor')) kinds.push('class');
  return kinds;
}

/** `<input type="datetime-local">` wants local wall-clock time without a zone. */
function localInputValue(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

export function StudioCreateForm({ kinds }: { kinds: LiveSessionKind[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useApiForm<Field>();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LiveSessionKind>(kinds[0] ?? 'sale');
  const [later, setLater] = useState(false);
  const [start, setStart] = useState('');
  const [record, setRecord] = useState(false);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const onSubmit = form.onSubmit(
    () =>
      problems({
        title: title.trim() ? undefined : 'live.studio.form.titleRequired',
        scheduledStart: !later
          ? undefined
          : !start
            ? 'live.studio.form.timeRequired'
            : new Date(start).getTime() < Date.now() - 60_000
              ? 'live.studio.form.timePast'
              : undefined,
      }),
    async () => {
      const created = await liveApi.create({
        kind,
        title: title.trim(),
        record,
        // the wall-clock time typed here is in the phone's zone; the api stores the instant
        ...(later ? { scheduledStart: new Date(start).toISOString() } : {}),
      });
      await navigate(`/live/studio/${created.id}`);
    },
  );

  return (
    <form ref={form.formRef} className="form live-form" onSubmit={onSubmit} noValidate>
      <h2>{t('live.studio.form.new')}</h2>
      <FormAlert message={form.formError} />
      <TextField
        label={t('live.studio.form.title')}
        name="title"
        maxLength={TITLE_MAX}
        hint={t('live.studio.form.titleHint')}
        value={title}
        onChange={(v) => {
          form.edit('title');
          setTitle(v);
        }}
        error={form.fieldError('title')}
      />
      {kinds.length > 1 && (
        <fieldset className="segmented">
          <legend className="field-label">{t('live.studio.form.kind')}</legend>
          {kinds.map((k) => (
            <label key={k} className="segmented-option">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t(`live.kind.${k}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="segmented">
        <legend className="field-label">{t('live.studio.form.when')}</legend>
        <label className="segmented-option">
          <input type="radio" name="when" checked={!later} onChange={() => setLater(false)} />
          <span>{t('live.studio.form.now')}</span>
        </label>
        <label className="segmented-option">
          <input
            type="radio"
            name="when"
            checked={later}
            onChange={() => {
              setLater(true);
              if (!start) setStart(localInputValue(new Date(Date.now() + 60 * 60_000)));
            }}
          />
          <span>{t('live.studio.form.later')}</span>
        </label>
      </fieldset>
      {later && (
        <TextField
          label={t('live.studio.form.startTime')}
          type="datetime-local"
          name="scheduledStart"
          min={localInputValue(new Date())}
          hint={t('live.studio.form.startTimeHint', { zone })}
          value={start}
          onChange={(v) => {
            form.edit('scheduledStart');
            setStart(v);
          }}
          error={form.fieldError('scheduledStart')}
        />
      )}
      <label className="live-check">
        <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} />
        <span>
          <span className="choice-title">{t('live.studio.form.record')}</span>
          <span className="choice-hint">{t('live.studio.form.recordHint')}</span>
        </span>
      </label>
      <button type="submit" className="button button-block" disabled={form.busy} aria-busy={form.busy}>
        {t(form.busy ? 'live.studio.form.submitting' : 'live.studio.form.submit')}
      </button>
    </form>
  );
}
