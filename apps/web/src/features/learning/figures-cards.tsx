import type { DashboardFigures } from '@app/contracts';
import { formatMoney } from '../../format/format';
import { useI18n } from '../../i18n';
import { Stat } from './page-parts';
import { formatHours, formatNumber } from './learning-format';

/** One group's figures (a cohort, a category, the whole program) as a small grid of numbers. */
export function FiguresCard({ title, figures: f }: { title: string; figures: DashboardFigures }) {
  const { t, locale } = useI18n();
  const stats: Array<[string, string]> = [
    [t('learning.dashboard.enrolled'), formatNumber(f.enrolled, locale)],
    [t('learning.dashboard.hours'), formatHours(f.hours, locale)],
    [t('learning.dashboard.certified'), formatNumber(f.certified, locale)],
    [t('learning.dashboard.shops'), formatNumber(f.shopsOpened, locale)],
    [t('learning.dashboard.orders'), formatNumber(f.orders, locale)],
    [t('learning.dashboard.sales'), formatMoney(f.salesMinor, 'CNY', locale)],
  ];
  return (
    <li className="learn-figures">
      <h3>{title}</h3>
      <dl className="learn-stats">
        {stats.map(([label, value]) => (
          <Stat key={label} label={label} value={value} />
        ))}
      </dl>
    </li>
  );
}
