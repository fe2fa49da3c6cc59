import { useState } from 'react';
import type { SubsidyEligibleTrainee } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { errorText, useI18n } from '../../i18n';
import { downloadBlob, saveBlob } from './learning-api';
import { formatHours, maskMobile } from './learning-format';

/**
 * Trainees who meet the program's subsidy rule. Mobiles are masked on screen (this page is read on
 * phones in shared offices); the CSV export carries them in full for the claim.
 */
export function SubsidyList({
  programId,
  trainees,
}: {
  programId: string;
  trainees: SubsidyEligibleTrainee[];
}) {
  const { t, locale } = useI18n();
  return (
    <section className="learn-section">
      <h2>{t('learning.subsidy.title', { n: trainees.length })}</h2>
      <ExportButton programId={programId} />
      {trainees.length === 0 && <p className="learn-empty">{t('learning.subsidy.none')}</p>}
      <ul className="learn-list">
        {trainees.map((p) => (
          <li key={p.enrollmentId} className="learn-row learn-person">
            <span className="learn-row-main">
              <span className="learn-row-title">{p.name}</span>
              <span className="learn-card-meta">
                {p.cohortName} · {t(`learning.category.${p.category}`)} · {maskMobile(p.mobile)}
              </span>
              <span className="learn-card-meta">
                {t('learning.subsidy.hours', { hours: formatHours(p.hours, locale) })}
                {p.certificateCodes.length > 0 && ` · ${p.certificateCodes.join(', ')}`}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExportButton({ programId }: { programId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = () => {
    setBusy(true);
    setError(null);
    downloadBlob(`/api/programs/${programId}/subsidy-eligible.csv`)
      .then((blob) => saveBlob(blob, 'subsidy-eligible.csv'), setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <FormAlert message={error ? errorText(error, t) : null} />
      <button type="button" className="button button-secondary button-block" disabled={busy} onClick={run}>
        {t(busy ? 'learning.subsidy.exporting' : 'learning.subsidy.export')}
      </button>
    </>
  );
}
