import { useState } from 'react';
import type { AddressView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { errorText, useI18n } from '../../i18n';
import { commerceApi } from './commerce-api';

/** Adds a delivery address; used at checkout and in the buy sheet when there is none yet. */
export function AddressForm({ onAdded }: { onAdded(a: AddressView): void }) {
  const { t } = useI18n();
  const [f, setF] = useState({ recipient: '', phone: '', region: '', detail: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onAdded(await commerceApi.addAddress(f));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form address-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormAlert message={error} />
      <TextField
        label={t('commerce.address.recipient')}
        value={f.recipient}
        onChange={set('recipient')}
        required
      />
      <TextField
        label={t('commerce.address.phone')}
        value={f.phone}
        onChange={set('phone')}
        inputMode="tel"
        required
      />
      <TextField label={t('commerce.address.region')} value={f.region} onChange={set('region')} required />
      <TextField label={t('commerce.address.detail')} value={f.detail} onChange={set('detail')} required />
      <button type="submit" className="button button-secondary button-block" disabled={busy}>
        {t('commerce.address.save')}
      </button>
    </form>
  );
}

/** Saved addresses as radio choices; the first one is the default. */
export function AddressPicker({
  addresses,
  value,
  onChange,
}: {
  addresses: AddressView[];
  value: string | null;
  onChange(id: string): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="address-picker">
      <legend className="field-label">{t('commerce.address.shipTo')}</legend>
      {addresses.map((a) => (
        <label key={a.id} className="address-choice">
          <input type="radio" name="address" checked={value === a.id} onChange={() => onChange(a.id)} />
          <span>
            <strong>
              {a.recipient} {a.phone}
            </strong>
            <br />
            {a.region} {a.detail}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
