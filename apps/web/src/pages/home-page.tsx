import { Link } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { PageStatus } from '../components/page-status';
import { useI18n } from '../i18n';
import { FeatureCards } from './feature-cards';
import { featuresFor, primaryRole } from './features';

export function HomePage() {
  const { t } = useI18n();
  const { state } = useAuth();
  if (state.status === 'loading' || state.status === 'unreachable')
    return <PageStatus state={state.status} />;

  if (state.status === 'signedOut') {
    return (
      <>
        <section className="hero">
          <h1>{t('home.guest.title')}</h1>
          <p className="lead">{t('home.guest.body')}</p>
          <div className="hero-actions">
            <Link className="button button-block" to="/sign-up">
              {t('home.cta.signUp')}
            </Link>
            <Link className="button button-secondary button-block" to="/sign-in">
              {t('home.cta.signIn')}
            </Link>
          </div>
        </section>
        <FeatureCards features={featuresFor(null)} />
      </>
    );
  }

  const { user } = state;
  return (
    <>
      <section className="hero hero-compact">
        <h1>{t('home.welcome', { name: user.displayName })}</h1>
        <p className="lead">{t(`home.tagline.${primaryRole(user.roles)}`)}</p>
      </section>
      <h2 className="section-title">{t('home.features')}</h2>
      <FeatureCards features={featuresFor(user.roles)} />
    </>
  );
}
