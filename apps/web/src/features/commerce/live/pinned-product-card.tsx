import { useState } from 'react';
import type { LiveFlashSale, PinnedProductCard as Card } from '@app/contracts';
import { formatMoney } from '../../../format/format';
import { useI18n } from '../../../i18n';
import { BuySheet } from './buy-sheet';
import { useCountdown } from './countdown';
import { initial } from '../page-bits';

/** The product the anchor pinned, over the video: live stock, flash price and countdown, one-tap buy. */
export function PinnedProductCard({ card, flashSale }: { card: Card; flashSale: LiveFlashSale | null }) {
  const { t, locale } = useI18n();
  const [buying, setBuying] = useState(false);
  const sale = flashSale && flashSale.productId === card.productId ? flashSale : null;
  const countdown = useCountdown(sale?.endsAt);
  const left = sale ? sale.available : card.stock;
  const soldOut = left <= 0;
  return (
    <section className="pinned-card" aria-label={t('commerce.live.pinned')}>
      {card.thumbnailUrl ? (
        <img className="pinned-photo" src={card.thumbnailUrl} alt="" />
      ) : (
        <div className="pinned-photo pinned-photo-empty" aria-hidden="true">
          {initial(card.title)}
        </div>
      )}
      <div className="pinned-body">
        <p className="pinned-title">{card.title}</p>
        <p className="pinned-price">
          {sale ? (
            <>
              <span className="flash-badge">{t('commerce.live.flash')}</span>
              <strong>{formatMoney(sale.priceMinor, sale.currency, locale)}</strong>
              <s>{formatMoney(card.priceMinor, card.currency, locale)}</s>
            </>
          ) : (
            <strong>{formatMoney(card.priceMinor, card.currency, locale)}</strong>
          )}
        </p>
        <p className="pinned-meta" aria-live="polite">
          {soldOut ? t('commerce.live.soldOut') : t('commerce.live.left', { count: left })}
          {sale && !countdown.over && (
            <span className="countdown" aria-label={t('commerce.live.endsIn', { time: countdown.text })}>
              ⏱ {countdown.text}
            </span>
          )}
        </p>
      </div>
      <button
        type="button"
        className="button button-small pinned-buy"
        disabled={soldOut}
        onClick={() => setBuying(true)}
      >
        {t('commerce.live.buy')}
      </button>
      {buying && <BuySheet card={card} flashSale={sale} onClose={() => setBuying(false)} />}
    </section>
  );
}
