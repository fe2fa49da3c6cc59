import type { PracticalFigures as Figures } from '@app/contracts';
import { formatMoney } from '../../format/format';
import { useI18n } from '../../i18n';
import { Stat } from './page-parts';
import { formatNumber } from './learning-format';

/** The practice sale's own numbers, shown beside the rubric so the grade rests on them. */
export function PracticalFigures({ figures: f }: { figures: Figures }) {
  const { t, locale } = useI18n();
  const minutes = Math.floor(f.durationSec / 60);
  const seconds = f.durationSec % 60;
  const items: Array<[string, string]> = [
    [t('learning.figures.duration'), t('learning.figures.durationValue', { minutes, seconds })],
    [t('learning.figures.peakViewers'), formatNumber(f.peakViewers, locale)],
    [t('learning.figures.chatMessages'), formatNumber(f.chatMessages, locale)],
    [t('learning.figures.orders'), formatNumber(f.orders, locale)],
    [t('learning.figures.sandboxSales'), formatMoney(f.sandboxSalesMinor, 'CNY', locale)],
  ];
  return (
    <section className="learn-section" aria-label={t('learning.figures.title')}>
      <h2>{t('learning.figures.title')}</h2>
      <dl className="learn-stats">
        {items.map(([label, value]) => (
          <Stat key={label} label={label} value={value} />
        ))}
      </dl>
      {!f.commerceAvailable && <p className="learn-note">{t('learning.figures.noCommerce')}</p>}
    </section>
  );
}
