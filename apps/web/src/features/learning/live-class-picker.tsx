import { useId, useState } from 'react';
import type { LiveSessionView } from '@app/contracts';
import { useUser } from '../../auth/auth-context';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { formatDateTime } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { Loaded } from './page-parts';
import { useApiData } from './use-api-data';

/**
 * The `class` live session a live-class lesson points at: one of the instructor's own scheduled
 * (or running) classes, or a new one scheduled here.
 */
export function LiveClassPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange(sessionId: string): void;
}) {
  const { t } = useI18n();
  const user = useUser();
  const [added, setAdded] = useState<LiveSessionView[]>([]);
  const data = useApiData(`class-sessions:${user?.id ?? ''}`, async (signal) =>
    (await learningApi.classSessions(signal)).filter((s) => s.host.id === user?.id),
  );
  return (
    <Loaded data={data}>
      {(mine) => {
        const sessions = [...added, ...mine.filter((s) => !added.some((a) => a.id === s.id))];
        return (
          <>
            <fieldset className="choice-list">
              <legend className="field-label">{t('learning.liveClass.pick')}</legend>
              {sessions.length === 0 && <p className="learn-note">{t('learning.liveClass.none')}</p>}
              {sessions.map((s) => (
                <SessionChoice key={s.id} session={s} checked={value === s.id} onChange={onChange} />
              ))}
            </fieldset>
            <NewClassSession
              onCreated={(s) => {
                setAdded((list) => [s, ...list]);
                onChange(s.id);
              }}
            />
          </>
        );
      }}
    </Loaded>
  );
}

function SessionChoice({
  session,
  checked,
  onChange,
}: {
  session: LiveSessionView;
  checked: boolean;
  onChange(id: string): void;
}) {
  const { t, locale } = useI18n();
  const name = useId();
  return (
    <label className="choice">
      <input type="radio" name={name} checked={checked} onChange={() => onChange(session.id)} />
      <span className="choice-text">
        <span className="choice-title">{session.title}</span>
        <span className="choice-hint">
          {t('learning.liveClass.when', {
            status: t(`learning.liveClass.status.${session.status}`),
            time: session.scheduledStart
              ? formatDateTime(session.scheduledStart, locale)
              : t('learning.liveClass.noTime'),
          })}
        </span>
      </span>
    </label>
  );
}

/** Tomorrow at 19:00 local time, as a `datetime-local` value: evenings suit trainees who farm. */
function tomorrowEvening(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T19:00`;
}

function NewClassSession({ onCreated }: { onCreated(session: LiveSessionView): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(tomorrowEvening);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // a button, not a nested form: this sits inside the lesson form
  const create = async () => {
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const scheduledStart = start ? new Date(start).toISOString() : undefined;
      onCreated(await learningApi.createClassSession({ title: title.trim(), scheduledStart }));
      setTitle('');
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="learn-subform">
      <legend className="field-label">{t('learning.liveClass.new')}</legend>
      <FormAlert message={error} />
      <TextField label={t('learning.liveClass.newTitle')} value={title} onChange={setTitle} maxLength={80} />
      <TextField
        label={t('learning.liveClass.newStart')}
        type="datetime-local"
        value={start}
        onChange={setStart}
      />
      <button
        type="button"
        className="button button-secondary"
        disabled={busy || !title.trim()}
        onClick={() => void create()}
      >
        {busy ? t('learning.liveClass.creating') : t('learning.liveClass.create')}
      </button>
    </fieldset>
  );
}
