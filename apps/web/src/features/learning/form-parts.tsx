import { useId, type ReactNode } from 'react';
import { FormAlert } from '../../components/form-alert';
import { useI18n } from '../../i18n';

/** A labelled select of the authoring forms. */
export function SelectField<V extends string>({
  label,
  value,
  onChange,
  options,
  emptyText,
}: {
  label: string;
  value: V;
  onChange(value: V): void;
  options: ReadonlyArray<{ value: V; text: string }>;
  /** said instead of the select when there is nothing to choose */
  emptyText?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {options.length === 0 && emptyText !== undefined ? (
        <p className="learn-note">{emptyText}</p>
      ) : (
        <select
          id={id}
          className="learn-select"
          value={value}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/**
 * A form of the course editor (its details, a module's name, a lesson): the fields, then why the
 * last save was refused, and save and cancel.
 */
export function EditorForm({
  label,
  saveLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  /** the form's accessible name */
  label: string;
  saveLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit(): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="form learn-subform"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      <FormAlert message={error} />
      <div className="learn-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('learning.lessonForm.saving') : saveLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('learning.lessonForm.cancel')}
        </button>
      </div>
    </form>
  );
}
