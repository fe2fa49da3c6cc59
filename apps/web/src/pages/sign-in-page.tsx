import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { nextPath } from '../auth/require-auth';
import { checkIdentifier, problems } from '../auth/validation';
import { FormAlert } from '../components/form-alert';
import { PasswordField } from '../components/password-field';
import { TextField } from '../components/text-field';
import { useApiForm } from '../components/use-api-form';
import { useI18n } from '../i18n';

type Field = 'identifier' | 'password';

export function SignInPage() {
  const { t } = useI18n();
  const { state, signIn } = useAuth();
  const location = useLocation();
  const form = useApiForm<Field>();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');

  // signing in changes the state, and this sends the person on
  if (state.status === 'signedIn') return <Navigate to={nextPath(location.search)} replace />;

  const onSubmit = form.onSubmit(
    () =>
      problems({
        identifier: checkIdentifier(identifier),
        password: password ? undefined : 'validation.required',
      }),
    () => signIn({ identifier: identifier.trim(), password }),
  );

  return (
    <section className="panel">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.subtitle')}</p>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate>
        <FormAlert message={form.formError} />
        <TextField
          label={t('field.identifier')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={identifier}
          onChange={(value) => {
            form.edit('identifier');
            setIdentifier(value);
          }}
          error={form.fieldError('identifier')}
        />
        <PasswordField
          value={password}
          onChange={(value) => {
            form.edit('password');
            setPassword(value);
          }}
          error={form.fieldError('password')}
        />
        <button type="submit" className="button button-block" disabled={form.busy} aria-busy={form.busy}>
          {t(form.busy ? 'signIn.submitting' : 'signIn.submit')}
        </button>
      </form>
      <p className="form-footer">
        {t('signIn.noAccount')} <Link to={`/sign-up${location.search}`}>{t('signIn.toSignUp')}</Link>
      </p>
    </section>
  );
}
