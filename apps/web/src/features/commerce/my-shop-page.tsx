import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { OrderView, ShopCategory, ShopView } from '@app/contracts';
import { ShopCategories } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { errorText, useI18n, type PlainKey } from '../../i18n';
import { commerceApi } from './commerce-api';
import { ProductForm } from './product-form';
import { ShipOrders } from './ship-orders';
import { Loading } from './page-bits';

/** The anchor's shop: open one, list products (photos, sizes, prices, stock), ship orders. */
export function MyShopPage() {
  const { t } = useI18n();
  const [shops, setShops] = useState<ShopView[] | null>(null);
  const [orders, setOrders] = useState<OrderView[]>([]);
  const [round, setRound] = useState(0);
  useEffect(() => {
    commerceApi.myShops().then(setShops, () => setShops([]));
  }, []);
  const shop = shops?.[0];
  useEffect(() => {
    if (shop) commerceApi.shopOrders(shop.id).then(setOrders, () => undefined);
  }, [shop, round]);

  if (!shops) return <Loading />;
  if (!shop) return <CreateShop onCreated={(s) => setShops([s])} />;
  return (
    <div className="commerce-page">
      <h1>{shop.name}</h1>
      <ShopState shop={shop} />
      <p>
        <Link to={`/shops/${shop.id}`}>{t('commerce.myShop.view')}</Link>
      </p>
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

function CreateShop({ onCreated }: { onCreated(s: ShopView): void }) {
  const { t } = useI18n();
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
            .createShop({ kind: 'practice', name, region, description, category })
            .then(onCreated, (err: unknown) => setError(errorText(err, t)));
        }}
      >
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
