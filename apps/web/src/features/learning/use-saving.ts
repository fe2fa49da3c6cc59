import { useState } from 'react';
import { errorText, useI18n } from '../../i18n';

/**
 * The busy flag and the refusal of an authoring form that sends one request. A refusal shows the
 * api's reason and frees the form to try again; after a save the form stays busy, since its parent
 * then closes it or leaves the page.
 */
export function useSaving() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (request: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (e) {
      setError(errorText(e, t, { withReason: true }));
      setBusy(false);
    }
  };
  return { busy, error, setError, save };
}
