import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { AddressView, LiveFlashSale, OrderView, PinnedProductCard } from '@app/contracts';
import { useAuth } from '../../../auth/auth-context';
import { FormAlert } from '../../../components/form-alert';
import { formatMoney } from '../../../format/format';
import { errorText, useI18n } from '../../../i18n';
import { AddressForm, AddressPicker } from '../address-form';
import { commerceApi, newIdempotencyKey } from '../commerce-api';

/**
 * The sheet over the video: pick a size and how many, then one tap buys with the saved default
 * address (cash on delivery), without leaving the stream. Each tap is its own Idempotency-Key.
 */
export function BuySheet({
  card,
  flashSale,
  onClose,
}: {
  card: PinnedProductCard;
  flashSale: LiveFlashSale | null;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const { state } = useAuth();
  const location = useLocation();
  const [addresses, setAddresses] = useState<AddressView[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [variantId, setVariantId] = useState(
    flashSale?.variantId ?? card.variants.find((v) => v.available > 0)?.id,
  );
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [placed, setPlaced] = useState<OrderView | null>(null);
  const signedIn = state.status === 'signedIn';

  useEffect(() => {
    if (!signedIn) return;
    commerceApi.addresses().then(
      (list) => {
        setAddresses(list);
        setAddressId((id) => id ?? list[0]?.id ?? null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [signedIn, t]);

  const onFlash = flashSale !== null && variantId === flashSale.variantId;
  const variant = card.variants.find((v) => v.id === variantId);
  const unit = onFlash ? flashSale.priceMinor : (variant?.priceMinor ?? card.priceMinor);
  const max = onFlash
    ? Math.min(flashSale.perBuyerLimit, flashSale.available)
    : Math.min(99, variant?.available ?? 0);

  const buy = async () => {
    if (!variantId || !addressId) return;
    setBusy(true);
    setError(null);
    try {
      const key = newIdempotencyKey();
      setPlaced(
        onFlash
          ? await commerceApi.buyFlashSale(flashSale.id, { quantity, addressId }, key)
          : await commerceApi.placeOrder(
              { items: [{ variantId, quantity }], addressId, paymentMethod: 'cod' },
              key,
            ),
      );
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <div
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label={t('commerce.buy.title')}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="sheet-head">
          <h2 className="sheet-title">{card.title}</h2>
          <button type="button" className="button button-secondary button-small" onClick={onClose}>
            {t('commerce.buy.close')}
          </button>
        </div>
        {placed ? (
          <div className="buy-done" role="status">
            <p className="buy-done-title">✓ {t('commerce.buy.done')}</p>
            <p>
              {t('commerce.buy.doneBody', { total: formatMoney(placed.totalMinor, placed.currency, locale) })}
            </p>
            <Link to="/orders" className="button button-secondary button-block">
              {t('commerce.orders.title')}
            </Link>
          </div>
        ) : !signedIn ? (
          <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} className="button button-block">
            {t('commerce.buy.signIn')}
          </Link>
        ) : (
          <>
            <FormAlert message={error} />
            <div className="variant-row" role="radiogroup" aria-label={t('commerce.product.variant')}>
              {card.variants.map((v) => (
                <button
                  key={v.id}
                  type="button"
                  role="radio"
                  aria-checked={v.id === variantId}
                  className={v.id === variantId ? 'chip chip-on' : 'chip'}
                  disabled={v.available <= 0 && v.id !== flashSale?.variantId}
                  onClick={() => {
                    setVariantId(v.id);
                    setQuantity(1);
                  }}
                >
                  {v.label}
                </button>
              ))}
            </div>
            <div className="qty-row">
              <span className="field-label">{t('commerce.buy.quantity')}</span>
              <div className="stepper">
                <button
                  type="button"
                  aria-label="−"
                  disabled={quantity <= 1}
                  onClick={() => setQuantity((q) => q - 1)}
                >
                  −
                </button>
                <output aria-live="polite">{quantity}</output>
                <button
                  type="button"
                  aria-label="+"
                  disabled={quantity >= max}
                  onClick={() => setQuantity((q) => q + 1)}
                >
                  +
                </button>
              </div>
            </div>
            {addresses === null ? (
              <p className="muted">{t('app.loading')}</p>
            ) : addresses.length === 0 ? (
              <AddressForm
                onAdded={(a) => {
                  setAddresses([a]);
                  setAddressId(a.id);
                }}
              />
            ) : (
              <AddressPicker addresses={addresses} value={addressId} onChange={setAddressId} />
            )}
            <p className="muted">{t('commerce.buy.cod')}</p>
            <button
              type="button"
              className="button button-block"
              disabled={busy || !addressId || !variantId || max < 1}
              onClick={() => void buy()}
            >
              {t('commerce.buy.confirm', { total: formatMoney(unit * quantity, card.currency, locale) })}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
