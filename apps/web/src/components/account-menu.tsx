import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth, useSignOut } from '../auth/auth-context';
import { useI18n } from '../i18n';

/** Sign-in link for guests; for a signed-in person, a menu with the account page and sign-out. */
export function AccountMenu() {
  const { t } = useI18n();
  const { state } = useAuth();
  const signOut = useSignOut();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (state.status !== 'signedIn') {
    if (state.status === 'loading' || location.pathname === '/sign-in') return null;
    return (
      <Link className="button button-small" to="/sign-in">
        {t('nav.signIn')}
      </Link>
    );
  }

  const { user } = state;
  const onSignOut = () => {
    setOpen(false);
    void signOut();
  };
  return (
    <div className="account-menu" ref={rootRef}>
      <button
        type="button"
        className="avatar-button"
        aria-label={t('nav.accountMenu')}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {[...user.displayName][0]}
        </span>
      </button>
      <div id={menuId} className="account-menu-panel" hidden={!open}>
        <p className="account-menu-name">{user.displayName}</p>
        <Link className="account-menu-item" to="/account">
          {t('nav.account')}
        </Link>
        <button type="button" className="account-menu-item" onClick={onSignOut}>
          {t('nav.signOut')}
        </button>
      </div>
    </div>
  );
}
