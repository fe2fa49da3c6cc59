import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CertificateView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { formatDate } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { downloadBlob, learningApi, saveBlob } from './learning-api';
import { formatHours } from './learning-format';
import { BackLink, Facts, Loaded } from './page-parts';
import { QrCode } from './qr-code';
import { useApiData } from './use-api-data';

/** `/certificates/:id`: the holder's certificate, its verify code and QR, and the PDF. */
export function CertificatePage() {
  const { certificateId = '' } = useParams();
  const data = useApiData(`certificate:${certificateId}`, (signal) =>
    learningApi.certificate(certificateId, signal),
  );
  return (
    <div className="learn-page">
      <Loaded data={data}>{(certificate) => <Certificate certificate={certificate} />}</Loaded>
    </div>
  );
}

function Certificate({ certificate: c }: { certificate: CertificateView }) {
  const { t, locale } = useI18n();
  const verifyPath = `/verify/${c.code}`;
  const rows: Array<readonly [string, string]> = [
    [t('learning.certificate.holder'), c.holderName],
    [t('learning.course.level'), t(`learning.level.${c.skillLevel}`)],
    [t('learning.course.evaluator'), c.evaluatingOrganization],
    [t('learning.certificate.hours'), formatHours(c.hours, locale)],
    [t('learning.course.credits'), String(c.credits)],
    [t('learning.certificate.issuedAt'), formatDate(c.issuedAt, locale)],
  ];
  if (c.revokedAt) rows.push([t('learning.certificate.revokedAt'), formatDate(c.revokedAt, locale)]);
  if (c.revokeReason) rows.push([t('learning.certificate.revokeReason'), c.revokeReason]);
  return (
    <>
      <BackLink to={`/courses/${c.courseId}`}>{c.courseTitle}</BackLink>
      <section className={`learn-cert learn-cert-${c.status}`}>
        <p className="learn-kicker">{t('learning.certificate.kicker')}</p>
        <h1>{c.courseTitle}</h1>
        <span className={`learn-tag learn-tag-${c.status}`}>
          {t(`learning.certificate.status.${c.status}`)}
        </span>
        <Facts rows={rows} />
        <div className="learn-cert-verify">
          <QrCode text={`${window.location.origin}${verifyPath}`} label={t('learning.certificate.qrLabel')} />
          <div>
            <p className="learn-card-meta">{t('learning.certificate.code')}</p>
            <p className="learn-code">{c.code}</p>
            <Link to={verifyPath}>{t('learning.certificate.verifyLink')}</Link>
          </div>
        </div>
        <PdfButton certificate={c} />
      </section>
    </>
  );
}

function PdfButton({ certificate }: { certificate: CertificateView }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = () => {
    setBusy(true);
    setError(null);
    downloadBlob(`/api/certificates/${certificate.id}/pdf`)
      .then((blob) => saveBlob(blob, `certificate-${certificate.code}.pdf`), setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <FormAlert message={error ? errorText(error, t) : null} />
      <button type="button" className="button button-block" disabled={busy} onClick={download}>
        {t(busy ? 'learning.certificate.downloading' : 'learning.certificate.download')}
      </button>
    </>
  );
}
