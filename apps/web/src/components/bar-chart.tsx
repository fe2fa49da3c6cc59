import './bar-chart.css';

export interface ChartBar {
  key: string;
  /** under the bar; '' leaves that slot unlabelled when the axis is crowded */
  axisLabel: string;
  /** a small figure above the bar (e.g. an order count); drawn only when bars are wide enough */
  note?: string;
  /** one value per series, stacked bottom up */
  segments: readonly number[];
  /** the bar in words, shown on hover or long press */
  title: string;
}

export interface BarChartProps {
  /** what the picture says, for screen readers: the svg is one image with this label */
  label: string;
  bars: readonly ChartBar[];
  /** series names; a legend appears when there is more than one */
  series: readonly string[];
  formatTick(value: number): string;
  /** the same numbers as a table, visually hidden, for screen readers and copying */
  table: { caption: string; head: readonly string[]; rows: ReadonlyArray<readonly string[]> };
  /** said instead of the picture when every bar is zero */
  empty: string;
}

const WIDTH = 340;
const AXIS_W = 48;
const TOP = 18;
const PLOT_H = 150;
const LABEL_H = 22;
const HEIGHT = TOP + PLOT_H + LABEL_H;
/** narrower bars get no note: digits would overlap */
const NOTE_MIN_SLOT = 16;
/** about one axis label per 45 px: readable at 11 px on a 390 px phone */
const MAX_LABELS = 7;
const SERIES_COLOURS = 6;

/** 1, 2 or 5 times a power of ten, at least `max`: round gridlines. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power;
}

/**
 * Vertical bars, stacked by series, on a phone-width SVG with a value axis and a hidden table.
 * Light on purpose: no chart library, only what a bar picture needs.
 */
export function BarChart({ label, bars, series, formatTick, table, empty }: BarChartProps) {
  const totals = bars.map((b) => b.segments.reduce((n, v) => n + v, 0));
  if (!totals.some((v) => v > 0)) {
    return <p className="chart-empty">{empty}</p>;
  }
  const top = niceCeiling(Math.max(...totals));
  const y = (v: number) => TOP + PLOT_H - (v / top) * PLOT_H;
  const slot = (WIDTH - AXIS_W) / Math.max(1, bars.length);
  const barW = Math.max(2, slot * 0.7);
  const step = Math.ceil(bars.length / MAX_LABELS);
  const ticks = [0, top / 2, top];
  return (
    <figure className="chart">
      {series.length > 1 && (
        <figcaption className="chart-legend">
          {series.map((name, i) => (
            <span key={name} className={`chart-key chart-series-${i % SERIES_COLOURS}`}>
              {name}
            </span>
          ))}
        </figcaption>
      )}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} data-chart-max={top}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={AXIS_W} x2={WIDTH} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={AXIS_W - 6} y={y(v) + 4} className="chart-tick" textAnchor="end">
              {formatTick(v)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const x = AXIS_W + i * slot + (slot - barW) / 2;
          const labelled = (bars.length - 1 - i) % step === 0 && b.axisLabel !== '';
          let base = 0;
          return (
            <g key={b.key} className="chart-bar" data-bar={b.key} data-value={totals[i]}>
              <title>{b.title}</title>
              {/* the whole column answers to hover and touch, not just the (maybe zero) bar */}
              <rect x={AXIS_W + i * slot} y={TOP} width={slot} height={PLOT_H} className="chart-hit" />
              {b.segments.map((v, s) => {
                const from = base;
                base += v;
                return v > 0 ? (
                  <rect
                    key={s}
                    x={x}
                    y={y(from + v)}
                    width={barW}
                    height={y(from) - y(from + v)}
                    className={`chart-series-${s % SERIES_COLOURS}`}
                    data-series={s}
                    data-value={v}
                  />
                ) : null;
              })}
              {b.note && slot >= NOTE_MIN_SLOT && totals[i] > 0 && (
                <text x={x + barW / 2} y={y(totals[i]) - 4} className="chart-note" textAnchor="middle">
                  {b.note}
                </text>
              )}
              {labelled && (
                <text
                  x={Math.min(WIDTH - 14, Math.max(AXIS_W + 14, x + barW / 2))}
                  y={TOP + PLOT_H + 16}
                  className="chart-axis-label"
                  textAnchor="middle"
                >
                  {b.axisLabel}
                </text>
              )}
            </g>
          );
        })}
        <line x1={AXIS_W} x2={WIDTH} y1={y(0)} y2={y(0)} className="chart-baseline" />
      </svg>
      <table className="visually-hidden">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row[0]}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
