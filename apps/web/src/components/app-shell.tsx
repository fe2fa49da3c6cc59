import { Link, Outlet } from 'react-router-dom';
import { useI18n } from '../i18n';
import { AccountMenu } from './account-menu';
import { LanguageSwitcher } from './language-switcher';

export function AppShell() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand" aria-label={`主播学院 Anchor Academy – ${t('nav.home')}`}>
          <span className="brand-mark" aria-hidden="true">
            播
          </span>
          <span className="brand-text">
            <span className="brand-zh" lang="zh-CN">
              主播学院
            </span>
            <span className="brand-en" lang="en">
              Anchor Academy
            </span>
          </span>
        </Link>
        <div className="app-header-tools">
          <Link className="app-header-link" to="/market">
            {t('nav.market')}
          </Link>
          <LanguageSwitcher />
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
