import { PinnedProductCard } from './pinned-product-card';
import { PurchaseTicker } from './purchase-ticker';
import { FlashSalePanel, LiveOrdersPanel, ProductPinPanel, useMyProducts } from './studio-panels';
import { useLiveSelling } from './use-live-selling';

/**
 * What the live pages mount. The watch page: the pinned card (with its buy sheet) and the ticker,
 * to sit over the bottom of the video. The studio: pin, flash sale and incoming orders.
 */
export function WatchCommerce({ sessionId }: { sessionId: string }) {
  const selling = useLiveSelling(sessionId);
  return (
    <div className="watch-commerce">
      <PurchaseTicker items={selling.ticker} />
      {selling.card && <PinnedProductCard card={selling.card} flashSale={selling.flashSale} />}
    </div>
  );
}

export function StudioCommerce({ sessionId }: { sessionId: string }) {
  const selling = useLiveSelling(sessionId);
  const products = useMyProducts();
  return (
    <div className="studio-commerce">
      <ProductPinPanel sessionId={sessionId} card={selling.card} products={products} />
      <FlashSalePanel sessionId={sessionId} card={selling.card} flashSale={selling.flashSale} />
      <LiveOrdersPanel sessionId={sessionId} orders={selling.orders} />
    </div>
  );
}
