import type { DashboardView } from '@app/contracts';
import { BarChart, type ChartBar } from '../../components/bar-chart';
import { formatMoney, formatMoneyCompact } from '../../format/format';
import { useI18n } from '../../i18n';
import { formatNumber } from './learning-format';

/**
 * The trainees' live shops' sales per month, each bar stacked by cohort, next to the figures.
 * Months are `YYYY-MM` in China time, shown as calendar months (UTC) so they do not shift.
 */
export function SalesByMonthChart({ dashboard }: { dashboard: DashboardView }) {
  const { t, locale } = useI18n();
  const months = dashboard.salesByMonth;
  const cohorts = dashboard.byCohort;
  const money = (minor: number) => formatMoney(minor, 'CNY', locale);
  const monthOf = (m: string) => new Date(`${m}-01T00:00:00Z`);
  const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const total = months.reduce((n, m) => n + m.salesMinor, 0);
  const orders = months.reduce((n, m) => n + m.orders, 0);
  const first = months[0]?.month;
  const last = months[months.length - 1]?.month;
  const span = {
    from: first ? long.format(monthOf(first)) : '',
    to: last ? long.format(monthOf(last)) : '',
  };
  const bars: ChartBar[] = months.map((m) => {
    const parts = m.byCohort
      .filter((c) => c.salesMinor > 0)
      .map(
        (c) => `${cohorts.find((x) => x.cohortId === c.cohortId)?.cohortName ?? ''} ${money(c.salesMinor)}`,
      );
    return {
      key: m.month,
      axisLabel: short.format(monthOf(m.month)),
      note: m.orders > 0 ? formatNumber(m.orders, locale) : undefined,
      segments: cohorts.map((c) => m.byCohort.find((x) => x.cohortId === c.cohortId)?.salesMinor ?? 0),
      title: t('learning.dashboard.salesBar', {
        month: long.format(monthOf(m.month)),
        amount: money(m.salesMinor),
        orders: m.orders,
        cohorts: parts.join('、'),
      }),
    };
  });
  return (
    <section className="learn-section learn-sales">
      <h2>{t('learning.dashboard.salesTitle')}</h2>
      <p className="learn-note">
        {t('learning.dashboard.salesHint', { ...span, orders, amount: money(total) })}
      </p>
      <BarChart
        label={t('learning.dashboard.salesChartLabel', { ...span, orders, amount: money(total) })}
        bars={bars}
        series={cohorts.map((c) => c.cohortName)}
        formatTick={(v) => formatMoneyCompact(Math.round(v), 'CNY', locale)}
        table={{
          caption: t('learning.dashboard.salesTitle'),
          head: [
            t('learning.dashboard.salesMonth'),
            ...cohorts.map((c) => c.cohortName),
            t('learning.dashboard.orders'),
            t('learning.dashboard.sales'),
          ],
          rows: months.map((m) => [
            long.format(monthOf(m.month)),
            ...cohorts.map((c) => money(m.byCohort.find((x) => x.cohortId === c.cohortId)?.salesMinor ?? 0)),
            formatNumber(m.orders, locale),
            money(m.salesMinor),
          ]),
        }}
        empty={t('learning.dashboard.salesEmpty', span)}
      />
    </section>
  );
}
