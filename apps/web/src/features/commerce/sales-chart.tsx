import { useEffect, useState } from 'react';
import type { Locale, ShopSalesDaily } from '@app/contracts';
import { BarChart, type ChartBar } from '../../components/bar-chart';
import { formatMoney, formatMoneyCompact } from '../../format/format';
import { useI18n } from '../../i18n';
import { commerceApi } from './commerce-api';

const RANGES = [14, 30] as const;
type Range = (typeof RANGES)[number];

/** The browser's IANA zone, so a day ends at the anchor's own midnight; the api defaults to China. */
function browserZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shop's takings per day as bars, the last 14 or 30 days, with order counts and a total.
 * Days are `YYYY-MM-DD` already cut in the viewer's zone, so they are shown as calendar dates (UTC).
 */
export function SalesChart({ shopId }: { shopId: string }) {
  const { t, locale } = useI18n();
  const [days, setDays] = useState<Range>(14);
  const [data, setData] = useState<ShopSalesDaily | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    setFailed(false);
    commerceApi.salesDaily(shopId, { days, tz: browserZone() }, abort.signal).then(setData, () => {
      if (!abort.signal.aborted) setFailed(true);
    });
    return () => abort.abort();
  }, [shopId, days]);

  const shown = data?.shopId === shopId && data.days.length === days ? data : null;
  return (
    <section className="sales-chart" aria-labelledby="sales-chart-title">
      <div className="sales-chart-head">
        <h2 id="sales-chart-title">{t('commerce.sales.title')}</h2>
        <div className="sales-range" role="group" aria-label={t('commerce.sales.range')}>
          {RANGES.map((n) => (
            <button
              key={n}
              type="button"
              className={n === days ? 'chip chip-on' : 'chip'}
              aria-pressed={n === days}
              onClick={() => setDays(n)}
            >
              {t('commerce.sales.days', { count: n })}
            </button>
          ))}
        </div>
      </div>
      {failed ? (
        <p className="muted">{t('commerce.sales.failed')}</p>
      ) : !shown ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <DailyBars data={shown} days={days} locale={locale} />
      )}
    </section>
  );
}

function DailyBars({ data, days, locale }: { data: ShopSalesDaily; days: number; locale: Locale }) {
  const { t } = useI18n();
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const money = (minor: number) => formatMoney(minor, data.currency, locale);
  const short = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, {
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  });
  const dateOf = (d: string) => new Date(`${d}T00:00:00Z`);
  const best = data.days.reduce((a, b) => (b.salesMinor > a.salesMinor ? b : a), data.days[0]);
  const bars: ChartBar[] = data.days.map((d) => {
    const date = long.format(dateOf(d.date));
    const amount = money(d.salesMinor);
    return {
      key: d.date,
      axisLabel: short.format(dateOf(d.date)),
      note: d.orders > 0 ? count(d.orders) : undefined,
      segments: [d.salesMinor],
      title: t('commerce.sales.bar', { date, orders: d.orders, amount }),
    };
  });
  const total = { days, orders: data.total.orders, amount: money(data.total.salesMinor) };
  return (
    <>
      <p className="sales-total" data-orders={data.total.orders} data-sales-minor={data.total.salesMinor}>
        {t('commerce.sales.total', total)}
      </p>
      <BarChart
        label={t('commerce.sales.chartLabel', {
          ...total,
          best: best ? money(best.salesMinor) : '',
          bestDate: best ? long.format(dateOf(best.date)) : '',
        })}
        bars={bars}
        series={[t('commerce.sales.amount')]}
        formatTick={(v) => formatMoneyCompact(Math.round(v), data.currency, locale)}
        table={{
          caption: t('commerce.sales.title'),
          head: [t('commerce.sales.date'), t('commerce.sales.orders'), t('commerce.sales.amount')],
          rows: data.days.map((d) => [long.format(dateOf(d.date)), count(d.orders), money(d.salesMinor)]),
        }}
        empty={t('commerce.sales.empty', { days })}
      />
      <p className="muted sales-note">{t('commerce.sales.note')}</p>
    </>
  );
}
