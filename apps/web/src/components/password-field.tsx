import { useState } from 'react';
import { useI18n } from '../i18n';
import { passwordLengthOk } from '../auth/validation';
import { CheckIcon, EyeIcon } from './icons';
import { TextField } from './text-field';

interface PasswordFieldProps {
  value: string;
  onChange(value: string): void;
  error?: string;
  /** a new password shows its rules, ticked off while typing; an existing one does not */
  isNew?: boolean;
}

export function PasswordField({ value, onChange, error, isNew = false }: PasswordFieldProps) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  const lengthOk = passwordLengthOk(value);
  return (
    <TextField
      label={t('field.password')}
      type={visible ? 'text' : 'password'}
      name="password"
      autoComplete={isNew ? 'new-password' : 'current-password'}
      value={value}
      onChange={onChange}
      error={error}
      hint={
        isNew && (
          <>
            <ul className="rules" aria-label={t('field.password.rules')}>
              <li className={lengthOk ? 'rule rule-ok' : 'rule'}>
                <CheckIcon />
                {t('field.password.ruleLength')}
              </li>
            </ul>
            <p>{t('field.password.tip')}</p>
          </>
        )
      }
      trailing={
        <button
          type="button"
          className="field-toggle"
          aria-pressed={visible}
          aria-label={t(visible ? 'field.password.hide' : 'field.password.show')}
          onClick={() => setVisible((v) => !v)}
        >
          <EyeIcon crossed={visible} />
        </button>
      }
    />
  );
}
