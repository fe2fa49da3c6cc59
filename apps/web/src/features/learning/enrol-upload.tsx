import { useId, useState, type ChangeEvent } from 'react';
import type { ErrorFieldDetail, ImportEnrollmentsResponse } from '@app/contracts';
import { isApiError } from '../../api';
import { errorText, useI18n, type Translate } from '../../i18n';
import { isPlainKey } from '../../i18n/translate';
import { learningApi } from './learning-api';
import { readCsvFile } from './read-csv-file';

type Outcome =
  | { kind: 'done'; result: ImportEnrollmentsResponse }
  | { kind: 'rejected'; problems: readonly ErrorFieldDetail[] }
  | { kind: 'failed'; error: unknown };

/** Enrol trainees from the office's spreadsheet (CSV); all rows or none, with every problem listed. */
export function EnrolUpload({ programId, onEnrolled }: { programId: string; onEnrolled(): void }) {
  const { t } = useI18n();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    readCsvFile(file)
      .then((csv) => learningApi.importEnrollments(programId, csv))
      .then(
        (result) => {
          setOutcome({ kind: 'done', result });
          onEnrolled();
        },
        (error: unknown) =>
          setOutcome(
            isApiError(error) && error.code === 'ENROLLMENT_IMPORT_REJECTED'
              ? { kind: 'rejected', problems: error.details }
              : { kind: 'failed', error },
          ),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="learn-section">
      <h2>{t('learning.import.title')}</h2>
      <p className="learn-note">{t('learning.import.format')}</p>
      <label htmlFor={inputId} className={busy ? 'button button-block learn-busy' : 'button button-block'}>
        {t(busy ? 'learning.import.uploading' : 'learning.import.choose')}
      </label>
      <input
        id={inputId}
        className="learn-sr"
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={onFile}
      />
      {outcome?.kind === 'done' && (
        <div className="learn-result learn-result-pass" role="status">
          <p>
            {t('learning.import.done', {
              enrolled: outcome.result.enrolled,
              created: outcome.result.accountsCreated,
            })}
          </p>
          {outcome.result.invites.length > 0 && (
            <>
              <p>{t('learning.import.invites')}</p>
              <ul className="learn-invites">
                {outcome.result.invites.map((i) => (
                  <li key={i.mobile}>
                    {i.mobile} · <span className="learn-code">{i.code}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {outcome?.kind === 'rejected' && <ImportProblems problems={outcome.problems} />}
      {outcome?.kind === 'failed' && (
        <p className="form-alert" role="alert">
          {errorText(outcome.error, t)}
        </p>
      )}
    </section>
  );
}

function ImportProblems({ problems }: { problems: readonly ErrorFieldDetail[] }) {
  const { t } = useI18n();
  return (
    <div className="form-alert learn-problems" role="alert">
      <p>{t('learning.import.rejected', { n: problems.length })}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{problemText(p, t)}</li>
        ))}
      </ul>
    </div>
  );
}

/** `line 3: mobile` + `mobile` → "第 3 行 · 手机号：…", in the page's language where the reason is known. */
function problemText(p: ErrorFieldDetail, t: Translate): string {
  const match = /^line (\d+): (\w+)$/.exec(p.field);
  const field = match?.[2] ?? p.field;
  const fieldKey = `learning.import.field.${field}`;
  const reasonKey = `learning.import.reason.${p.reason}`;
  const where = [
    match ? t('learning.import.line', { n: match[1] ?? '' }) : null,
    isPlainKey(fieldKey) ? t(fieldKey) : field,
  ]
    .filter(Boolean)
    .join(' · ');
  return t('learning.import.problem', { where, reason: isPlainKey(reasonKey) ? t(reasonKey) : p.message });
}
