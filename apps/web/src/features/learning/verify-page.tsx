import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { CertificateVerification } from '@app/contracts';
import { TextField } from '../../components/text-field';
import { formatDate } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { isNotFound, learningApi } from './learning-api';
import { Facts } from './page-parts';
import { useApiData } from './use-api-data';

/** `/verify/:code` and `/verify`: anyone (an employer, a subsidy clerk) checks a certificate code. */
export function VerifyPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  return (
    <div className="learn-page learn-narrow">
      <h1>{t('learning.verify.title')}</h1>
      <p className="learn-lead">{t('learning.verify.intro')}</p>
      {code && <Verification key={code} code={code} />}
      <VerifyForm initial={code} />
    </div>
  );
}

function Verification({ code }: { code: string }) {
  const { t } = useI18n();
  const data = useApiData(`verify:${code}`, (signal) => learningApi.verify(code, signal));
  switch (data.status) {
    case 'loading':
      return (
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('app.loading')}
        </p>
      );
    case 'failed':
      return isNotFound(data.error) ? (
        <section className="learn-verdict learn-verdict-missing" role="status">
          <p className="learn-verdict-title">{t('learning.verify.notFound')}</p>
          <p>{t('learning.verify.notFoundHint', { code })}</p>
        </section>
      ) : (
        <div className="page-status" role="alert">
          <p>{errorText(data.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={data.reload}>
            {t('app.retry')}
          </button>
        </div>
      );
    case 'ready':
      return <Verdict v={data.data} />;
  }
}

function Verdict({ v }: { v: CertificateVerification }) {
  const { t, locale } = useI18n();
  const rows: Array<readonly [string, string]> = [
    [t('learning.certificate.holder'), v.holderName],
    [t('learning.verify.course'), v.courseTitle],
    [t('learning.course.level'), t(`learning.level.${v.skillLevel}`)],
    [t('learning.course.evaluator'), v.evaluatingOrganization],
    [t('learning.verify.program'), v.programName],
    [t('learning.certificate.issuedAt'), formatDate(v.issuedAt, locale)],
    [t('learning.certificate.code'), v.code],
  ];
  if (v.revokedAt) rows.push([t('learning.certificate.revokedAt'), formatDate(v.revokedAt, locale)]);
  return (
    <section className={`learn-verdict learn-verdict-${v.status}`} role="status">
      <p className="learn-verdict-title">{t(`learning.verify.${v.status}`)}</p>
      <Facts rows={rows} />
    </section>
  );
}

function VerifyForm({ initial }: { initial: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState(initial.toUpperCase());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = code.trim();
    if (clean) void navigate(`/verify/${encodeURIComponent(clean)}`);
  };
  return (
    <form className="form learn-section" onSubmit={submit}>
      <TextField
        label={t('learning.verify.codeLabel')}
        hint={t('learning.verify.codeHint')}
        value={code}
        onChange={setCode}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="button button-secondary button-block">
        {t('learning.verify.submit')}
      </button>
    </form>
  );
}
