import type { DashboardView } from '@app/contracts';
import { useI18n } from '../../i18n';
import { formatNumber } from './learning-format';

type Cohort = DashboardView['byCohort'][number];

const WIDTH = 340;
const LABEL_H = 22;
const BAR_H = 16;
const GAP = 4;
const ROW_H = LABEL_H + BAR_H * 2 + GAP + 14;
/** room at the end of the longest bar for its number */
const VALUE_W = 44;

/**
 * Each cohort as two horizontal bars on one scale: trainees enrolled, and of them certified.
 * Horizontal, with the name above its bars, because cohort names are long and phones are narrow.
 */
export function CohortChart({ cohorts }: { cohorts: readonly Cohort[] }) {
  const { t, locale } = useI18n();
  const max = Math.max(1, ...cohorts.map((c) => c.enrolled));
  const scale = (n: number) => (n / max) * (WIDTH - VALUE_W);
  const height = Math.max(1, cohorts.length) * ROW_H;
  return (
    <figure className="learn-chart">
      <figcaption className="learn-chart-legend">
        <span className="learn-key learn-key-enrolled">{t('learning.dashboard.enrolled')}</span>
        <span className="learn-key learn-key-certified">{t('learning.dashboard.certified')}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={t('learning.dashboard.chartLabel')}
        data-max={max}
      >
        {cohorts.map((c, i) => {
          const y = i * ROW_H;
          const bars = [
            { metric: 'enrolled', value: c.enrolled, y: y + LABEL_H },
            { metric: 'certified', value: c.certified, y: y + LABEL_H + BAR_H + GAP },
          ] as const;
          return (
            <g key={c.cohortId} data-cohort={c.cohortName}>
              <title>
                {`${c.cohortName}: ${t('learning.dashboard.enrolled')} ${c.enrolled}, ${t('learning.dashboard.certified')} ${c.certified}`}
              </title>
              <text x={0} y={y + LABEL_H - 7} className="learn-chart-label">
                {c.cohortName}
              </text>
              {bars.map((b) => (
                <g key={b.metric}>
                  <rect
                    x={0}
                    y={b.y}
                    width={WIDTH - VALUE_W}
                    height={BAR_H}
                    rx={3}
                    className="learn-bar-track"
                  />
                  <rect
                    x={0}
                    y={b.y}
                    width={scale(b.value)}
                    height={BAR_H}
                    rx={3}
                    className={`learn-bar learn-bar-${b.metric}`}
                    data-metric={b.metric}
                    data-value={b.value}
                  />
                  <text x={scale(b.value) + 6} y={b.y + BAR_H - 3} className="learn-chart-value">
                    {formatNumber(b.value, locale)}
                  </text>
                </g>
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
