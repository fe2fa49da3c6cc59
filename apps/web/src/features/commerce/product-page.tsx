import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ShopPage } from '@app/contracts';
import { formatMoney } from '../../format/format';
import { useI18n } from '../../i18n';
import { useCart } from './cart';
import { commerceApi, photoUrl } from './commerce-api';
import { initial, LoadFailed, Loading } from './page-bits';

/** One product: its photos, sizes with prices and stock, and "add to cart". */
export function ProductPage() {
  const { shopId = '', productId = '' } = useParams();
  const { t, locale } = useI18n();
  const { add } = useCart();
  const [page, setPage] = useState<ShopPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [variantId, setVariantId] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  useEffect(() => {
    commerceApi.shopPage(shopId).then(setPage, setError);
  }, [shopId]);

  if (error) return <LoadFailed error={error} />;
  if (!page) return <Loading />;
  const product = page.products.find((p) => p.id === productId);
  if (!product) return <LoadFailed error={null} />;
  const variant =
    product.variants.find((v) => v.id === variantId) ?? product.variants.find((v) => v.available > 0);
  return (
    <div className="commerce-page">
      <div className="photo-strip">
        {product.photos.length ? (
          product.photos.map((p) => <img key={p.uploadId} src={photoUrl(p.uploadId, 'full')} alt="" />)
        ) : (
          <span className="product-tile-empty" aria-hidden="true">
            {initial(product.title)}
          </span>
        )}
      </div>
      <h1>{product.title}</h1>
      <p className="price-big">{variant && formatMoney(variant.priceMinor, variant.currency, locale)}</p>
      {product.description && <p>{product.description}</p>}
      <div className="variant-row" role="radiogroup" aria-label={t('commerce.product.variant')}>
        {product.variants.map((v) => (
          <button
            key={v.id}
            type="button"
            role="radio"
            aria-checked={v.id === variant?.id}
            className={v.id === variant?.id ? 'chip chip-on' : 'chip'}
            disabled={v.available <= 0}
            onClick={() => setVariantId(v.id)}
          >
            {v.label} · {formatMoney(v.priceMinor, v.currency, locale)}
          </button>
        ))}
      </div>
      <p className="muted">
        {variant ? t('commerce.live.left', { count: variant.available }) : t('commerce.live.soldOut')}
      </p>
      <button
        type="button"
        className="button button-block"
        disabled={!variant}
        onClick={() => {
          if (!variant) return;
          add(page.shop, {
            variantId: variant.id,
            productId: product.id,
            title: product.title,
            label: variant.label,
            priceMinor: variant.priceMinor,
            currency: variant.currency,
            quantity: 1,
          });
          setAdded(true);
        }}
      >
        {t('commerce.product.addToCart')}
      </button>
      {added && (
        <p role="status">
          {t('commerce.product.added')} <Link to="/cart">{t('commerce.cart.title')}</Link>
        </p>
      )}
      <p>
        <Link to={`/shops/${page.shop.id}`}>← {page.shop.name}</Link>
      </p>
    </div>
  );
}
