import { useState } from 'react';
import { useSignOut, useUser } from '../auth/auth-context';
import { formatDate } from '../format/format';
import { useI18n } from '../i18n';

/** Rendered inside <RequireAuth>, so there is always a user. */
export function AccountPage() {
  const { t, locale } = useI18n();
  const signOut = useSignOut();
  const user = useUser();
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const onSignOut = () => {
    setBusy(true);
    void signOut();
  };

  const rows: [string, string | null][] = [
    [t('account.name'), user.displayName],
    [t('account.phone'), user.phone && formatPhone(user.phone)],
    [t('account.email'), user.email],
    [t('account.roles'), user.roles.map((role) => t(`role.${role}`)).join(locale === 'zh-CN' ? '、' : ', ')],
    [t('account.memberSince'), formatDate(user.createdAt, locale)],
  ];
  return (
    <section className="panel">
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        {rows
          .filter((row): row is [string, string] => row[1] !== null)
          .map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <button
        type="button"
        className="button button-secondary button-block"
        disabled={busy}
        onClick={onSignOut}
      >
        {t(busy ? 'account.signingOut' : 'account.signOut')}
      </button>
    </section>
  );
}

/** `8613800138000` → `138 0013 8000`, the way people read their own numbers. */
function formatPhone(stored: string): string {
  const local = stored.startsWith('86') && stored.length === 13 ? stored.slice(2) : stored;
  return local.length === 11 ? `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}` : stored;
}
