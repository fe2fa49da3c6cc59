import { useState, type InputHTMLAttributes } from 'react';
import { FormAlert } from './form-alert';
import { TextField } from './text-field';

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'required'>;

export interface OneFieldFormProps {
  /** the form's accessible name, also the button's text */
  name: string;
  /** the button's text while the request runs */
  busyLabel: string;
  label: string;
  hint?: string;
  field?: FieldProps;
  className?: string;
  /** sends the trimmed value; the field empties when it resolves */
  submit(value: string): Promise<void>;
  /** the message to show for a refusal */
  errorText(error: unknown): string;
}

/** One required text field and its button (add a module, assign an instructor): busy and error handled. */
export function OneFieldForm({
  name,
  busyLabel,
  label,
  hint,
  field,
  className,
  submit,
  errorText,
}: OneFieldFormProps) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await submit(value.trim());
      setValue('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className={className ?? 'form'}
      aria-label={name}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <FormAlert message={error} />
      <TextField {...field} label={label} hint={hint} value={value} onChange={setValue} required />
      <button type="submit" className="button" disabled={busy}>
        {busy ? busyLabel : name}
      </button>
    </form>
  );
}
