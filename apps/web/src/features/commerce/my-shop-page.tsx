import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { OrderView, ShopCategory, ShopKind, ShopView } from '@app/contracts';
import { ShopCategories } from '@app/contracts';
import { useUser } from '../../auth/auth-context';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { errorText, useI18n, type PlainKey } from '../../i18n';
import { commerceApi } from './commerce-api';
import { ProductForm } from './product-form';
import { SalesChart } from './sales-chart';
import { ShipOrders } from './ship-orders';
import { Loading } from './page-bits';

/**
 * The anchor's shops: a practice shop (sandbox money, for trainees) and, once an anchor, a real
 * one the program office approves. Open one, list products (photos, sizes, prices, stock), ship.
 */
export function MyShopPage() {
  const { t } = useI18n();
  const user = useUser();
  const [shops, setShops] = useState<ShopView[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [orders, setOrders] = useState<OrderView[]>([]);
  const [round, setRound] = useState(0);
  useEffect(() => {
    commerceApi.myShops().then(setShops, () => setShops([]));
  }, []);
  // the real shop first once there is one: that is where the anchor sells
  const ordered = [...(shops ?? [])].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'live' ? -1 : 1));
  const shop = ordered.find((s) => s.id === chosen) ?? ordered[0];
  useEffect(() => {
    if (shop) commerceApi.shopOrders(shop.id).then(setOrders, () => undefined);
  }, [shop, round]);

  const isAnchor = user?.roles.includes('anchor') ?? false;
  const kinds: ShopKind[] = isAnchor ? ['live', 'practice'] : ['practice'];
  const creatable = kinds.filter((k) => !ordered.some((s) => s.kind === k));
  const created = (s: ShopView) => {
    setShops((list) => [...(list ?? []), s]);
    setChosen(s.id);
    setCreating(false);
  };

  if (!shops) return <Loading />;
  if (!shop || creating) return <CreateShop kinds={creatable} onCreated={created} />;
  return (
    <div className="commerce-page">
      {ordered.length > 1 && (
        <div className="shop-switch" role="tablist" aria-label={t('commerce.myShop.switch')}>
          {ordered.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={s.id === shop.id}
              className={s.id === shop.id ? 'chip chip-on' : 'chip'}
              onClick={() => setChosen(s.id)}
            >
              {t(`commerce.myShop.kind.${s.kind}`)} · {s.name}
            </button>
          ))}
        </div>
      )}
      <h1>{shop.name}</h1>
      <p className="muted">{t(`commerce.myShop.kindHint.${shop.kind}`)}</p>
      <ShopState shop={shop} />
      <p>
        <Link to={`/shops/${shop.id}`}>{t('commerce.myShop.view')}</Link>
      </p>
      {creatable.length > 0 && (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setCreating(true)}>
            {t(`commerce.myShop.openKind.${creatable[0]}`)}
          </button>
        </p>
      )}
      {shop.status === 'open' && <SalesChart shopId={shop.id} />}
      {shop.status !== 'rejected' && <ProductForm shopId={shop.id} onAdded={() => setRound((n) => n + 1)} />}
      <ShipOrders orders={orders} onShipped={() => setRound((n) => n + 1)} />
    </div>
  );
}

/** Where the program office's review stands: waiting, rejected (with its reason), or open. */
function ShopState({ shop }: { shop: ShopView }) {
  const { t } = useI18n();
  switch (shop.status) {
    case 'open':
      return (
        <p>
          <span className="badge">{t('commerce.myShop.open')}</span>
        </p>
      );
    case 'pending_approval':
      return (
        <div className="shop-state" role="status">
          <strong>{t('commerce.myShop.pending')}</strong>
          <p>{t('commerce.myShop.pendingBody')}</p>
        </div>
      );
    case 'rejected':
      return (
        <div className="shop-state shop-state-rejected" role="status">
          <strong>{t('commerce.myShop.rejected')}</strong>
          <p>{t('commerce.myShop.rejectedBody', { reason: shop.rejectionReason ?? '' })}</p>
          <p className="muted">{t('commerce.myShop.rejectedNext')}</p>
        </div>
      );
  }
}

function CreateShop({ kinds, onCreated }: { kinds: ShopKind[]; onCreated(s: ShopView): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ShopKind>(kinds[0] ?? 'practice');
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<ShopCategory>('noodles');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="commerce-page">
      <h1>{t('commerce.myShop.create')}</h1>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          commerceApi
            .createShop({ kind, name, region, description, category })
            .then(onCreated, (err: unknown) => setError(errorText(err, t)));
        }}
      >
        {kinds.length > 1 && (
          <fieldset className="field">
            <legend className="field-label">{t('commerce.myShop.kindLabel')}</legend>
            {kinds.map((k) => (
              <label key={k} className="shop-kind-choice">
                <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
                <span>
                  {t(`commerce.myShop.kind.${k}`)}
                  <small className="muted"> — {t(`commerce.myShop.kindHint.${k}`)}</small>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <FormAlert message={error} />
        <TextField label={t('commerce.myShop.name')} value={name} onChange={setName} required />
        <TextField label={t('commerce.myShop.region')} value={region} onChange={setRegion} required />
        <TextField label={t('commerce.myShop.description')} value={description} onChange={setDescription} />
        <label className="field">
          <span className="field-label">{t('commerce.myShop.category')}</span>
          <select
            className="field-input"
            value={category}
            onChange={(e) => setCategory(e.target.value as ShopCategory)}
          >
            {ShopCategories.map((c) => (
              <option key={c} value={c}>
                {t(`commerce.category.${c}` as PlainKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-block">
          {t('commerce.myShop.create')}
        </button>
      </form>
    </div>
  );
}
