import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { nextPath } from '../auth/require-auth';
import { useAuth } from '../auth/auth-context';
import {
  checkDisplayName,
  checkEmail,
  checkNewPassword,
  checkPhone,
  DISPLAY_NAME_MAX,
  problems,
} from '../auth/validation';
import { FormAlert } from '../components/form-alert';
import { PasswordField } from '../components/password-field';
import { TextField } from '../components/text-field';
import { useApiForm } from '../components/use-api-form';
import { useI18n } from '../i18n';
import { MethodChoice, RoleChoice, type SignUpMethod, type SignUpRole } from './sign-up-choices';

type Field = 'identifier' | 'password' | 'displayName';

export function SignUpPage() {
  const { t, locale } = useI18n();
  const { state, signUp } = useAuth();
  const location = useLocation();
  const form = useApiForm<Field>();
  const [method, setMethod] = useState<SignUpMethod>('phone');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<SignUpRole>('trainee');

  if (state.status === 'signedIn') return <Navigate to={nextPath(location.search)} replace />;

  const identifier = method === 'phone' ? phone : email;
  const onSubmit = form.onSubmit(
    () =>
      problems({
        identifier: method === 'phone' ? checkPhone(phone) : checkEmail(email),
        password: checkNewPassword(password),
        displayName: checkDisplayName(displayName),
      }),
    () =>
      signUp({
        identifier: identifier.trim(),
        password,
        displayName: displayName.trim(),
        roles: [role],
        locale,
      }),
  );
  const edit = (field: Field, set: (value: string) => void) => (value: string) => {
    form.edit(field);
    set(value);
  };

  return (
    <section className="panel">
      <h1>{t('signUp.title')}</h1>
      <p className="lead">{t('signUp.subtitle')}</p>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate>
        <FormAlert message={form.formError} />
        <MethodChoice
          value={method}
          onChange={(next) => {
            form.edit('identifier');
            setMethod(next);
          }}
        />
        {method === 'phone' ? (
          <TextField
            key="phone"
            label={t('field.phone')}
            type="tel"
            name="phone"
            inputMode="tel"
            autoComplete="tel-national"
            hint={t('field.phone.hint')}
            value={phone}
            onChange={edit('identifier', setPhone)}
            error={form.fieldError('identifier')}
          />
        ) : (
          <TextField
            key="email"
            label={t('field.email')}
            type="email"
            name="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            onChange={edit('identifier', setEmail)}
            error={form.fieldError('identifier')}
          />
        )}
        <PasswordField
          isNew
          value={password}
          onChange={edit('password', setPassword)}
          error={form.fieldError('password')}
        />
        <TextField
          label={t('field.displayName')}
          name="displayName"
          autoComplete="name"
          maxLength={DISPLAY_NAME_MAX}
          hint={t('field.displayName.hint')}
          value={displayName}
          onChange={edit('displayName', setDisplayName)}
          error={form.fieldError('displayName')}
        />
        <RoleChoice value={role} onChange={setRole} />
        <button type="submit" className="button button-block" disabled={form.busy} aria-busy={form.busy}>
          {t(form.busy ? 'signUp.submitting' : 'signUp.submit')}
        </button>
      </form>
      <p className="form-footer">
        {t('signUp.haveAccount')} <Link to={`/sign-in${location.search}`}>{t('signUp.toSignIn')}</Link>
      </p>
    </section>
  );
}
