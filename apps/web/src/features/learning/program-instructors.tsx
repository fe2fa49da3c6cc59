import { useId, useState } from 'react';
import type { ProgramInstructorView } from '@app/contracts';
import { isApiError } from '../../api';
import { FormAlert } from '../../components/form-alert';
import { formatDate } from '../../format/format';
import { errorText, fieldErrorText, useI18n, type Translate } from '../../i18n';
import { learningApi } from './learning-api';
import { OneFieldForm } from '../../components/one-field-form';

/**
 * Who may author the program's courses. The office knows instructors by the mobile number or
 * e-mail they sign in with, never by account id; contacts are shown masked (shared office phones).
 */
export function ProgramInstructors({
  programId,
  instructors,
}: {
  programId: string;
  instructors: ProgramInstructorView[];
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [list, setList] = useState(instructors);
  const [done, setDone] = useState<string | null>(null);

  const added = (i: ProgramInstructorView) => {
    setList((now) => (now.some((x) => x.userId === i.userId) ? now : [...now, i]));
    setDone(t('learning.instructors.added', { name: i.displayName }));
  };
  const removed = (i: ProgramInstructorView) => {
    setList((now) => now.filter((x) => x.userId !== i.userId));
    setDone(t('learning.instructors.removed', { name: i.displayName }));
  };

  return (
    <section className="learn-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('learning.instructors.title', { n: list.length })}</h2>
      <p className="learn-note">{t('learning.instructors.intro')}</p>
      {list.length === 0 && <p className="learn-empty">{t('learning.instructors.none')}</p>}
      <ul className="learn-list">
        {list.map((i) => (
          <InstructorRow key={i.userId} programId={programId} instructor={i} onRemoved={removed} />
        ))}
      </ul>
      <p className="learn-note" role="status">
        {done}
      </p>
      <AssignForm programId={programId} onAssigned={added} />
    </section>
  );
}

function InstructorRow({
  programId,
  instructor: i,
  onRemoved,
}: {
  programId: string;
  instructor: ProgramInstructorView;
  onRemoved(i: ProgramInstructorView): void;
}) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await learningApi.removeInstructor(programId, i.userId);
      onRemoved(i);
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };
  const contact = [i.maskedPhone, i.maskedEmail].filter(Boolean).join(' · ');
  return (
    <li className="learn-row learn-person learn-instructor" aria-label={i.displayName}>
      <span className="learn-row-main">
        <span className="learn-row-title">{i.displayName}</span>
        <span className="learn-card-meta">
          {contact} · {t('learning.instructors.since', { date: formatDate(i.assignedAt, locale) })}
        </span>
        {confirming && (
          <span className="learn-instructor-confirm">
            <span>{t('learning.instructors.confirm', { name: i.displayName })}</span>
            <FormAlert message={error} />
            <span className="learn-actions">
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void remove()}
              >
                {t(busy ? 'learning.instructors.removing' : 'learning.instructors.confirmRemove')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                {t('learning.instructors.keep')}
              </button>
            </span>
          </span>
        )}
      </span>
      {!confirming && (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('learning.instructors.removeName', { name: i.displayName })}
          onClick={() => setConfirming(true)}
        >
          {t('learning.instructors.remove')}
        </button>
      )}
    </li>
  );
}

function AssignForm({
  programId,
  onAssigned,
}: {
  programId: string;
  onAssigned(i: ProgramInstructorView): void;
}) {
  const { t } = useI18n();
  return (
    <OneFieldForm
      className="form learn-subform"
      name={t('learning.instructors.add')}
      busyLabel={t('learning.instructors.adding')}
      label={t('learning.instructors.identifier')}
      hint={t('learning.instructors.identifierHint')}
      field={{ maxLength: 254, autoComplete: 'off', autoCapitalize: 'none', spellCheck: false }}
      submit={async (identifier) => onAssigned(await learningApi.assignInstructor(programId, identifier))}
      errorText={(e) => assignErrorText(e, t)}
    />
  );
}

/** The api's reason in the office's words: nobody signs in with that, or they are not an instructor. */
function assignErrorText(e: unknown, t: Translate): string {
  if (!isApiError(e)) return errorText(e, t);
  const detail = e.details.find((d) => d.field === 'identifier');
  if (!detail) return errorText(e, t);
  if (detail.reason === 'unknownAccount') return t('learning.instructors.unknown');
  if (detail.reason === 'notInstructor') return t('learning.instructors.notInstructor');
  return fieldErrorText(detail, t);
}
