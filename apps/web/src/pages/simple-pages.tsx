import { Link } from 'react-router-dom';
import { useI18n, type PlainKey } from '../i18n';

/** A feature's page until the feature ships. */
export function ComingSoonPage({ title }: { title: PlainKey }) {
  const { t } = useI18n();
  return (
    <section className="panel panel-center">
      <span className="badge">{t('feature.comingSoon')}</span>
      <h1>{t(title)}</h1>
      <p>{t('comingSoon.body')}</p>
      <Link className="button" to="/">
        {t('comingSoon.back')}
      </Link>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="panel panel-center">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link className="button" to="/">
        {t('comingSoon.back')}
      </Link>
    </section>
  );
}
