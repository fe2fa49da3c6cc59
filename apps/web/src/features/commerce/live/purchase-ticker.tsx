import type { PurchaseTickerItem } from '@app/contracts';
import { useI18n } from '../../../i18n';

/** "王** just bought 2": the latest purchase, announced politely to screen readers. */
export function PurchaseTicker({ items }: { items: PurchaseTickerItem[] }) {
  const { t } = useI18n();
  const latest = items.at(-1);
  return (
    <p className="purchase-ticker" aria-live="polite" hidden={!latest}>
      {latest &&
        t('commerce.live.ticker', {
          buyer: latest.buyer,
          count: latest.quantity,
          title: latest.productTitle,
        })}
    </p>
  );
}
