import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { NoticeList, NoticeView } from '@app/contracts';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n';
import { commerceApi } from './commerce-api';
import { LoadFailed, Loading } from './page-bits';

/** Notices from followed shops: a sale scheduled, a shop gone live. Opening one marks it read. */
export function NoticesPage() {
  const { t } = useI18n();
  const [list, setList] = useState<NoticeList | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    commerceApi.notices().then(setList, setError);
  }, []);
  if (error) return <LoadFailed error={error} />;
  if (!list) return <Loading />;
  const readAll = () =>
    commerceApi.readAllNotices().then(
      () =>
        setList({
          unread: 0,
          items: list.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })),
        }),
      () => undefined,
    );
  return (
    <div className="commerce-page">
      <h1>{t('commerce.notices.title')}</h1>
      {list.unread > 0 && (
        <button type="button" className="button button-secondary button-small" onClick={() => void readAll()}>
          {t('commerce.notices.readAll')}
        </button>
      )}
      {list.items.length === 0 && <p className="muted">{t('commerce.notices.empty')}</p>}
      <ul className="notice-list">
        {list.items.map((n) => (
          <NoticeItem key={n.id} notice={n} />
        ))}
      </ul>
    </div>
  );
}

function NoticeItem({ notice: n }: { notice: NoticeView }) {
  const { t, locale } = useI18n();
  const text =
    n.kind === 'live_started'
      ? t('commerce.notices.live', { shop: n.shop.name, title: n.session.title })
      : t('commerce.notices.scheduled', {
          shop: n.shop.name,
          title: n.session.title,
          time: n.session.scheduledStart ? formatDateTime(n.session.scheduledStart, locale) : '',
        });
  return (
    <li className={n.readAt ? 'notice-item' : 'notice-item notice-unread'}>
      <Link
        to={n.kind === 'live_started' ? `/live/${n.session.id}` : `/shops/${n.shop.id}`}
        onClick={() => void commerceApi.readNotice(n.id).catch(() => undefined)}
      >
        {text}
      </Link>
      <small className="muted">{formatDateTime(n.createdAt, locale)}</small>
    </li>
  );
}
