import type { Role } from '@app/contracts';
import { useI18n } from '../i18n';

export type SignUpMethod = 'phone' | 'email';

export const SIGN_UP_ROLES = ['trainee', 'anchor', 'viewer'] as const satisfies readonly Role[];
export type SignUpRole = (typeof SIGN_UP_ROLES)[number];

/** Phone or e-mail: most trainees have a phone and no e-mail, so phone comes first. */
export function MethodChoice({
  value,
  onChange,
}: {
  value: SignUpMethod;
  onChange(value: SignUpMethod): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="segmented">
      <legend className="field-label">{t('signUp.method')}</legend>
      {(['phone', 'email'] as const).map((method) => (
        <label key={method} className="segmented-option">
          <input
            type="radio"
            name="method"
            value={method}
            checked={value === method}
            onChange={() => onChange(method)}
          />
          <span>{t(`signUp.method.${method}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function RoleChoice({ value, onChange }: { value: SignUpRole; onChange(value: SignUpRole): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="choice-list">
      <legend className="field-label">{t('signUp.role')}</legend>
      {SIGN_UP_ROLES.map((role) => (
        <label key={role} className="choice">
          <input
            type="radio"
            name="role"
            value={role}
            checked={value === role}
            onChange={() => onChange(role)}
          />
          <span className="choice-text">
            <span className="choice-title">{t(`role.${role}`)}</span>
            <span className="choice-hint">{t(`roleHint.${role}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
