import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { FollowView, LiveSessionView, ShopPage as ShopPageData } from '@app/contracts';
import { useAuth } from '../../auth/auth-context';
import { formatDateTime, formatMoney } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { commerceApi, photoUrl } from './commerce-api';
import { initial, LoadFailed, Loading } from './page-bits';

/** A shop's page: follow, its upcoming sales with "remind me", and a photo grid of products. */
export function ShopPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [page, setPage] = useState<ShopPageData | null>(null);
  const [sales, setSales] = useState<LiveSessionView[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setPage(null);
    setError(null);
    commerceApi.shopPage(id).then(setPage, setError);
    commerceApi.shopSales(id).then(setSales, () => setSales([]));
  }, [id]);

  if (error) return <LoadFailed error={error} />;
  if (!page) return <Loading />;
  const { shop, products } = page;
  return (
    <div className="commerce-page">
      <header className="shop-head">
        <div>
          <h1>{shop.name}</h1>
          <p className="muted">
            {shop.region}
            {shop.description ? ` · ${shop.description}` : ''}
          </p>
        </div>
        <FollowButton shopId={shop.id} ownerId={shop.ownerId} />
      </header>

      {sales.length > 0 && (
        <section aria-labelledby="sales-title">
          <h2 id="sales-title" className="section-title">
            {t('commerce.shop.sales')}
          </h2>
          <ul className="sale-list">
            {sales.map((s) => (
              <li key={s.id} className="sale-item">
                <span>
                  <strong>{s.title}</strong>
                  <br />
                  <small className="muted">
                    {s.status === 'live'
                      ? t('commerce.shop.liveNow')
                      : s.scheduledStart
                        ? formatDateTime(s.scheduledStart, locale)
                        : t('commerce.shop.soon')}
                  </small>
                </span>
                {s.status === 'live' ? (
                  <Link className="button button-small" to={`/live/${s.id}`}>
                    {t('commerce.shop.watch')}
                  </Link>
                ) : (
                  <FollowButton shopId={shop.id} ownerId={shop.ownerId} remind />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="products-title">
        <h2 id="products-title" className="section-title">
          {t('commerce.shop.products')}
        </h2>
        {products.length === 0 && <p className="muted">{t('commerce.shop.empty')}</p>}
        <ul className="product-grid">
          {products.map((p) => {
            const from = Math.min(...p.variants.map((v) => v.priceMinor));
            const stock = p.variants.reduce((n, v) => n + v.available, 0);
            return (
              <li key={p.id}>
                <Link to={`/shops/${shop.id}/products/${p.id}`} className="product-tile">
                  {p.photos[0] ? (
                    <img src={photoUrl(p.photos[0].uploadId)} alt="" loading="lazy" />
                  ) : (
                    <span className="product-tile-empty" aria-hidden="true">
                      {initial(p.title)}
                    </span>
                  )}
                  <span className="product-tile-title">{p.title}</span>
                  <span className="product-tile-price">
                    {formatMoney(from, shop.currency, locale)}
                    {stock === 0 && <small> · {t('commerce.live.soldOut')}</small>}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

/** Follow / unfollow; with `remind`, the "remind me" of a scheduled sale (follow + reminders). */
function FollowButton({
  shopId,
  ownerId,
  remind = false,
}: {
  shopId: string;
  ownerId: string;
  remind?: boolean;
}) {
  const { t } = useI18n();
  const { state } = useAuth();
  const [follow, setFollow] = useState<FollowView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedIn = state.status === 'signedIn';
  useEffect(() => {
    commerceApi.follow(shopId).then(setFollow, () => undefined);
  }, [shopId, signedIn]);
  if (!follow || (signedIn && state.user.id === ownerId)) return null;
  if (!signedIn) {
    return (
      <Link className="button button-small" to={`/sign-in?next=${encodeURIComponent(`/shops/${shopId}`)}`}>
        {remind ? t('commerce.shop.remind') : t('commerce.shop.follow')}
      </Link>
    );
  }
  const on = remind ? follow.following && follow.remind : follow.following;
  const toggle = () => {
    setError(null);
    const next = remind ? commerceApi.setFollow(shopId, true, !on) : commerceApi.setFollow(shopId, !on);
    next.then(setFollow, (e: unknown) => setError(errorText(e, t)));
  };
  return (
    <span className="follow">
      <button
        type="button"
        className={on ? 'button button-secondary button-small' : 'button button-small'}
        aria-pressed={on}
        onClick={toggle}
      >
        {remind
          ? on
            ? t('commerce.shop.reminding')
            : t('commerce.shop.remind')
          : on
            ? t('commerce.shop.following')
            : t('commerce.shop.follow')}
      </button>
      {!remind && (
        <small className="muted">{t('commerce.shop.followers', { count: follow.followers })}</small>
      )}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </span>
  );
}
