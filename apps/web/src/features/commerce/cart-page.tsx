import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AddressView, OrderView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { formatMoney } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { AddressForm, AddressPicker } from './address-form';
import { useCart } from './cart';
import { commerceApi, newIdempotencyKey } from './commerce-api';

/** The cart and checkout: one shop's lines, a saved address (add or pick), cash on delivery. */
export function CartPage() {
  const { t, locale } = useI18n();
  const { cart, setQuantity, clear } = useCart();
  const [addresses, setAddresses] = useState<AddressView[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [placed, setPlaced] = useState<OrderView | null>(null);
  // one key per checkout attempt: a double tap or a retry is still one order
  const key = useMemo(() => newIdempotencyKey(), [cart]);

  useEffect(() => {
    commerceApi.addresses().then(
      (list) => {
        setAddresses(list);
        setAddressId(list[0]?.id ?? null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [t]);

  if (placed) {
    return (
      <div className="commerce-page" role="status">
        <h1>{t('commerce.buy.done')}</h1>
        <p>
          {t('commerce.buy.doneBody', { total: formatMoney(placed.totalMinor, placed.currency, locale) })}
        </p>
        <Link to="/orders" className="button button-block">
          {t('commerce.orders.title')}
        </Link>
      </div>
    );
  }
  if (!cart) {
    return (
      <div className="commerce-page">
        <h1>{t('commerce.cart.title')}</h1>
        <p className="muted">{t('commerce.cart.empty')}</p>
      </div>
    );
  }
  const total = cart.lines.reduce((n, l) => n + l.priceMinor * l.quantity, 0);
  const checkout = async () => {
    if (!addressId) return;
    setBusy(true);
    setError(null);
    try {
      const order = await commerceApi.placeOrder(
        {
          items: cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
          addressId,
          paymentMethod: 'cod',
        },
        key,
      );
      clear();
      setPlaced(order);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="commerce-page">
      <h1>{t('commerce.cart.title')}</h1>
      <p className="muted">
        <Link to={`/shops/${cart.shopId}`}>{cart.shopName}</Link> · {t('commerce.cart.oneShop')}
      </p>
      <ul className="cart-lines">
        {cart.lines.map((l) => (
          <li key={l.variantId} className="cart-line">
            <span>
              {l.title} · {l.label}
              <br />
              <small>{formatMoney(l.priceMinor, l.currency, locale)}</small>
            </span>
            <span className="stepper">
              <button type="button" aria-label="−" onClick={() => setQuantity(l.variantId, l.quantity - 1)}>
                −
              </button>
              <output>{l.quantity}</output>
              <button type="button" aria-label="+" onClick={() => setQuantity(l.variantId, l.quantity + 1)}>
                +
              </button>
            </span>
          </li>
        ))}
      </ul>
      <FormAlert message={error} />
      {addresses && addresses.length > 0 && !adding && (
        <>
          <AddressPicker addresses={addresses} value={addressId} onChange={setAddressId} />
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setAdding(true)}
          >
            {t('commerce.address.add')}
          </button>
        </>
      )}
      {addresses && (addresses.length === 0 || adding) && (
        <AddressForm
          onAdded={(a) => {
            setAddresses((list) => [...(list ?? []), a]);
            setAddressId(a.id);
            setAdding(false);
          }}
        />
      )}
      <p className="muted">{t('commerce.buy.cod')}</p>
      <button
        type="button"
        className="button button-block"
        disabled={busy || !addressId}
        onClick={() => void checkout()}
      >
        {t('commerce.buy.confirm', { total: formatMoney(total, cart.lines[0]?.currency ?? 'CNY', locale) })}
      </button>
    </div>
  );
}
