import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorText, useI18n } from '../../i18n';
import type { ApiData, ApiDataControls } from './use-api-data';

/** Spinner while loading, the api's reason with a retry button on failure, else the page. */
export function Loaded<T>({
  data,
  children,
}: {
  data: ApiData<T> & ApiDataControls;
  children: (value: T) => ReactNode;
}) {
  const { t } = useI18n();
  switch (data.status) {
    case 'loading':
      return (
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('app.loading')}
        </p>
      );
    case 'failed':
      return (
        <div className="page-status" role="alert">
          <p>{errorText(data.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={data.reload}>
            {t('app.retry')}
          </button>
        </div>
      );
    case 'ready':
      return children(data.data);
  }
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link className="learn-back" to={to}>
      <span aria-hidden="true">‹</span> {children}
    </Link>
  );
}

/** A labelled bar for "done of required"; it never overflows when more than required is done. */
export function ProgressBar({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
}) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="learn-progress">
      <div className="learn-progress-head">
        <span>{label}</span>
        <span className="learn-progress-text">{text}</span>
      </div>
      <div
        className={share >= 1 ? 'learn-progress-track learn-progress-done' : 'learn-progress-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={text}
      >
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

/** Label / value rows, like the account page's. */
export function Facts({ rows }: { rows: ReadonlyArray<readonly [string, ReactNode]> }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One figure in a `.learn-stats` grid: a small label over a bold value. */
export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="learn-stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
