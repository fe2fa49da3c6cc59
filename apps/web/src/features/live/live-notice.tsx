import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';

/** A whole-page state of a live stream: not started, ended, needs sign-in, failed. */
export function LiveNotice({
  title,
  body,
  children,
}: {
  title: string;
  body?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="panel panel-center live-notice">
      <h1>{title}</h1>
      {body && <p>{body}</p>}
      {children}
      <Link className="button button-secondary" to="/live">
        {t('live.watch.more')}
      </Link>
    </section>
  );
}

export function LoadingStatus() {
  const { t } = useI18n();
  return (
    <p className="page-status" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}
