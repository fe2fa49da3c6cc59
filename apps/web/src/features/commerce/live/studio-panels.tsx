import { useEffect, useState } from 'react';
import type {
  LiveFlashSale,
  LiveOrderSummary,
  LiveSalesStats,
  PinnedProductCard,
  ProductView,
} from '@app/contracts';
import { FormAlert } from '../../../components/form-alert';
import { TextField } from '../../../components/text-field';
import { formatDateTime, formatMoney } from '../../../format/format';
import { errorText, useI18n } from '../../../i18n';
import { commerceApi, photoUrl } from '../commerce-api';
import { useCountdown } from './countdown';
import { initial } from '../page-bits';

/** The anchor's products, from her first shop; null while loading. */
export function useMyProducts(): ProductView[] | null {
  const [products, setProducts] = useState<ProductView[] | null>(null);
  useEffect(() => {
    commerceApi
      .myShops()
      .then((shops) => (shops[0] ? commerceApi.shopPage(shops[0].id) : null))
      .then((page) => setProducts(page?.products ?? []))
      .catch(() => setProducts([]));
  }, []);
  return products;
}

/** Pin one product over the stream (or take it down). */
export function ProductPinPanel({
  sessionId,
  card,
  products,
}: {
  sessionId: string;
  card: PinnedProductCard | null;
  products: ProductView[] | null;
}) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const run = (work: Promise<unknown>) => {
    setError(null);
    work.catch((e: unknown) => setError(errorText(e, t)));
  };
  return (
    <section className="commerce-card studio-panel" aria-labelledby="pin-title">
      <h2 id="pin-title" className="section-title">
        {t('commerce.studio.pinTitle')}
      </h2>
      <FormAlert message={error} />
      {products?.length === 0 && <p className="muted">{t('commerce.studio.noProducts')}</p>}
      <ul className="pin-list">
        {products?.map((p) => {
          const pinned = card?.productId === p.id;
          const from = Math.min(...p.variants.map((v) => v.priceMinor));
          return (
            <li key={p.id} className={pinned ? 'pin-item pin-item-on' : 'pin-item'}>
              {p.photos[0] ? (
                <img src={photoUrl(p.photos[0].uploadId)} alt="" />
              ) : (
                <span aria-hidden="true">{initial(p.title)}</span>
              )}
              <span className="pin-item-text">
                {p.title}
                <br />
                <small>{formatMoney(from, p.variants[0]?.currency ?? 'CNY', locale)}</small>
              </span>
              <button
                type="button"
                className={pinned ? 'button button-secondary button-small' : 'button button-small'}
                aria-label={`${pinned ? t('commerce.studio.unpin') : t('commerce.studio.pin')} ${p.title}`}
                onClick={() => run(pinned ? commerceApi.unpin(sessionId) : commerceApi.pin(sessionId, p.id))}
              >
                {pinned ? t('commerce.studio.unpin') : t('commerce.studio.pin')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Start a flash sale on the pinned product: price, units, per-buyer limit, minutes. */
export function FlashSalePanel({
  sessionId,
  card,
  flashSale,
}: {
  sessionId: string;
  card: PinnedProductCard | null;
  flashSale: LiveFlashSale | null;
}) {
  const { t, locale } = useI18n();
  const [variantId, setVariantId] = useState('');
  const [price, setPrice] = useState('');
  const [quantity, setQuantity] = useState('100');
  const [limit, setLimit] = useState('2');
  const [minutes, setMinutes] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const countdown = useCountdown(flashSale?.endsAt);
  const chosen = card?.variants.find((v) => v.id === variantId) ?? card?.variants[0];

  const start = () => {
    if (!chosen) return;
    setError(null);
    commerceApi
      .startFlashSale(sessionId, {
        variantId: chosen.id,
        priceMinor: Math.round(Number(price) * 100),
        quantity: Number(quantity),
        perBuyerLimit: Number(limit),
        durationSeconds: Math.round(Number(minutes) * 60),
      })
      .catch((e: unknown) => setError(errorText(e, t)));
  };

  return (
    <section className="commerce-card studio-panel" aria-labelledby="flash-title">
      <h2 id="flash-title" className="section-title">
        {t('commerce.studio.flashTitle')}
      </h2>
      {flashSale ? (
        <p className="flash-running" aria-live="polite">
          <span className="flash-badge">{t('commerce.live.flash')}</span>{' '}
          {formatMoney(flashSale.priceMinor, flashSale.currency, locale)} ·{' '}
          {t('commerce.live.left', { count: flashSale.available })} · ⏱ {countdown.text}
        </p>
      ) : !card ? (
        <p className="muted">{t('commerce.studio.pinFirst')}</p>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <FormAlert message={error} />
          <label className="field">
            <span className="field-label">{t('commerce.product.variant')}</span>
            <select className="field-input" value={chosen?.id} onChange={(e) => setVariantId(e.target.value)}>
              {card.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} · {formatMoney(v.priceMinor, card.currency, locale)}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('commerce.studio.flashPrice')}
            value={price}
            onChange={setPrice}
            inputMode="decimal"
            required
          />
          <div className="field-row">
            <TextField
              label={t('commerce.studio.flashQuantity')}
              value={quantity}
              onChange={setQuantity}
              inputMode="numeric"
            />
            <TextField
              label={t('commerce.studio.flashLimit')}
              value={limit}
              onChange={setLimit}
              inputMode="numeric"
            />
            <TextField
              label={t('commerce.studio.flashMinutes')}
              value={minutes}
              onChange={setMinutes}
              inputMode="decimal"
            />
          </div>
          <button type="submit" className="button button-block">
            {t('commerce.studio.flashStart')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Orders arriving from the stream, with the session's sales and conversion. */
export function LiveOrdersPanel({ sessionId, orders }: { sessionId: string; orders: LiveOrderSummary[] }) {
  const { t, locale } = useI18n();
  const [stats, setStats] = useState<LiveSalesStats | null>(null);
  const latest = orders[0]?.orderId;
  useEffect(() => {
    const load = () => commerceApi.salesStats(sessionId).then(setStats, () => undefined);
    // refreshed after each new order (a little later, so bursts cost one request) and every 15 s
    const soon = window.setTimeout(() => void load(), 400);
    const timer = window.setInterval(() => void load(), 15_000);
    return () => {
      window.clearTimeout(soon);
      window.clearInterval(timer);
    };
  }, [sessionId, latest]);
  return (
    <section className="commerce-card studio-panel" aria-labelledby="orders-title">
      <h2 id="orders-title" className="section-title">
        {t('commerce.studio.ordersTitle')}
      </h2>
      {stats && (
        <dl className="stats">
          <div>
            <dt>{t('commerce.studio.statOrders')}</dt>
            <dd>{stats.orders}</dd>
          </div>
          <div>
            <dt>{t('commerce.studio.statUnits')}</dt>
            <dd>{stats.units}</dd>
          </div>
          <div>
            <dt>{t('commerce.studio.statSales')}</dt>
            <dd>{formatMoney(stats.salesMinor, stats.currency, locale)}</dd>
          </div>
          <div>
            <dt>{t('commerce.studio.statConversion')}</dt>
            <dd>
              {new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
                stats.conversion,
              )}
            </dd>
          </div>
        </dl>
      )}
      {orders.length === 0 ? (
        <p className="muted">{t('commerce.studio.noOrders')}</p>
      ) : (
        <ol className="live-orders" aria-live="polite">
          {orders.map((o) => (
            <li key={o.orderId} className="live-order">
              <span>
                <strong>{o.buyerName}</strong> ·{' '}
                {t('commerce.studio.orderLine', { count: o.quantity, title: o.productTitle })}
                {o.flashSaleId && <span className="flash-badge">{t('commerce.live.flash')}</span>}
              </span>
              <span className="live-order-total">
                {formatMoney(o.totalMinor, o.currency, locale)}
                <small>{formatDateTime(o.placedAt, locale, { timeStyle: 'medium' })}</small>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
