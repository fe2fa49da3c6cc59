import { useAuth } from '../auth/auth-context';
import { useI18n } from '../i18n';

/** The whole-page placeholder while the session is checked, or when the api cannot be reached. */
export function PageStatus({ state }: { state: 'loading' | 'unreachable' }) {
  const { t } = useI18n();
  const { reload } = useAuth();
  if (state === 'loading') {
    return (
      <p className="page-status" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('app.loading')}
      </p>
    );
  }
  return (
    <div className="page-status" role="alert">
      <p>{t('app.unreachable')}</p>
      <button type="button" className="button button-secondary" onClick={() => void reload()}>
        {t('app.retry')}
      </button>
    </div>
  );
}
