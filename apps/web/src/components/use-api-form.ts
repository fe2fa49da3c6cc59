import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../api';
import type { FieldProblems } from '../auth/validation';
import { errorText, fieldErrorText, useI18n, type PlainKey } from '../i18n';

/**
 * A form that checks its fields locally, then calls the api: tracks busy state, shows local
 * problems and the api's `details` next to their fields (in the page's language, so switching
 * language re-translates them), and moves focus to the first problem.
 */
export function useApiForm<F extends string>() {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<FieldProblems<F>>({});
  const [edited, setEdited] = useState<ReadonlySet<F>>(new Set());
  const [attempt, setAttempt] = useState(0);

  // Only after a submit or an api answer: moving focus while someone types would be hostile.
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('.form-alert');
    target?.focus();
  }, [attempt, error]);

  const apiDetails = isApiError(error) ? error.fieldDetails() : {};

  return {
    formRef,
    busy,
    formError: error ? errorText(error, t) : null,

    fieldError(field: F): string | undefined {
      const problem: PlainKey | undefined = local[field];
      if (problem) return t(problem);
      const detail = edited.has(field) ? undefined : apiDetails[field]?.[0];
      return detail && fieldErrorText(detail, t);
    },

    /** call from a field's onChange: its old error no longer applies */
    edit(field: F): void {
      if (local[field]) setLocal(({ [field]: _, ...rest }) => rest as FieldProblems<F>);
      if (!edited.has(field)) setEdited(new Set(edited).add(field));
    },

    onSubmit(validate: () => FieldProblems<F>, task: () => Promise<void>) {
      return (event: FormEvent) => {
        event.preventDefault();
        if (busy) return;
        const checks = validate();
        setLocal(checks);
        setError(null);
        setEdited(new Set());
        setAttempt((n) => n + 1);
        if (Object.keys(checks).length > 0) return;
        setBusy(true);
        task()
          .catch((e: unknown) => setError(e))
          .finally(() => setBusy(false));
      };
    },
  };
}
