import { useEffect, useState } from 'react';
import type { OrderStatus, OrderView } from '@app/contracts';
import { formatDateTime, formatMoney } from '../../format/format';
import { errorText, useI18n, type PlainKey } from '../../i18n';
import { commerceApi } from './commerce-api';
import { LoadFailed, Loading } from './page-bits';

const statusKey = (s: OrderStatus) => `commerce.status.${s}` as PlainKey;

/** My orders: status, tracking, confirm receipt, and a review once it arrived. */
export function OrdersPage() {
  const { t } = useI18n();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    commerceApi.myOrders().then(setOrders, setError);
  }, []);
  if (error) return <LoadFailed error={error} />;
  if (!orders) return <Loading />;
  const replace = (o: OrderView) => setOrders((list) => list?.map((x) => (x.id === o.id ? o : x)) ?? null);
  return (
    <div className="commerce-page">
      <h1>{t('commerce.orders.title')}</h1>
      {orders.length === 0 && <p className="muted">{t('commerce.orders.empty')}</p>}
      <ul className="order-list">
        {orders.map((o) => (
          <OrderCard key={o.id} order={o} onChange={replace} />
        ))}
      </ul>
    </div>
  );
}

function OrderCard({ order: o, onChange }: { order: OrderView; onChange(o: OrderView): void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const [reviewed, setReviewed] = useState(false);
  const fail = (e: unknown) => setError(errorText(e, t));
  return (
    <li className="commerce-card order-card">
      <p className="order-head">
        <span className="badge">{t(statusKey(o.status))}</span>
        <small className="muted">{formatDateTime(o.createdAt, locale)}</small>
      </p>
      {o.items.map((i) => (
        <p key={i.variantId}>
          {i.title} · {i.label} × {i.quantity}
        </p>
      ))}
      <p>
        <strong>{formatMoney(o.totalMinor, o.currency, locale)}</strong>
      </p>
      {o.shipment && (
        <p className="muted">
          {t('commerce.orders.tracking', { carrier: o.shipment.carrier, number: o.shipment.trackingNumber })}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {o.status === 'shipped' && (
        <button
          type="button"
          className="button button-small"
          onClick={() => void commerceApi.confirmDelivery(o.id).then(onChange, fail)}
        >
          {t('commerce.orders.confirm')}
        </button>
      )}
      {(o.status === 'delivered' || o.status === 'completed') && !reviewed && (
        <form
          className="review-form"
          onSubmit={(e) => {
            e.preventDefault();
            commerceApi.review(o.id, { rating, text }).then(() => setReviewed(true), fail);
          }}
        >
          <label className="field-label">
            {t('commerce.orders.rating')}{' '}
            <select value={rating} onChange={(e) => setRating(Number(e.target.value))}>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={n}>
                  {'★'.repeat(n)}
                </option>
              ))}
            </select>
          </label>
          <textarea
            className="field-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label={t('commerce.orders.review')}
            required
          />
          <button type="submit" className="button button-small">
            {t('commerce.orders.review')}
          </button>
        </form>
      )}
      {reviewed && <p role="status">{t('commerce.orders.thanks')}</p>}
    </li>
  );
}
