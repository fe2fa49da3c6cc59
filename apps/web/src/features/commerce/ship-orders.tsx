import { useState } from 'react';
import type { OrderView } from '@app/contracts';
import { TextField } from '../../components/text-field';
import { formatMoney } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { commerceApi } from './commerce-api';

/** Orders waiting to go out (confirmed or paid): carrier and tracking number, then shipped. */
export function ShipOrders({ orders, onShipped }: { orders: OrderView[]; onShipped(): void }) {
  const { t } = useI18n();
  const toShip = orders.filter((o) => o.status === 'confirmed' || o.status === 'paid');
  return (
    <section className="commerce-card" aria-labelledby="to-ship">
      <h2 id="to-ship" className="section-title">
        {t('commerce.myShop.toShip', { count: toShip.length })}
      </h2>
      <ul className="order-list">
        {toShip.map((o) => (
          <ShipRow key={o.id} order={o} onShipped={onShipped} />
        ))}
      </ul>
    </section>
  );
}

function ShipRow({ order: o, onShipped }: { order: OrderView; onShipped(): void }) {
  const { t, locale } = useI18n();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="order-card">
      <p>
        {o.items.map((i) => `${i.title} · ${i.label} × ${i.quantity}`).join('，')} ·{' '}
        <strong>{formatMoney(o.totalMinor, o.currency, locale)}</strong>
      </p>
      <p className="muted">
        {o.shipTo.recipient} {o.shipTo.phone} · {o.shipTo.region} {o.shipTo.detail}
      </p>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          commerceApi
            .ship(o.id, { carrier, trackingNumber: tracking })
            .then(onShipped, (err: unknown) => setError(errorText(err, t)));
        }}
      >
        <TextField label={t('commerce.myShop.carrier')} value={carrier} onChange={setCarrier} required />
        <TextField label={t('commerce.myShop.tracking')} value={tracking} onChange={setTracking} required />
        <button type="submit" className="button button-small">
          {t('commerce.myShop.ship')}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
