import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { LiveSessionView } from '@app/contracts';
import { apiClient } from '../../../api';
import { useI18n } from '../../../i18n';
import { LoadFailed, Loading } from '../page-bits';
import { StudioCommerce, WatchCommerce } from './live-commerce';

/**
 * Stand-in mount points for the selling panels while the live pages' own routes are not wired
 * (features/live/routes.tsx is still empty): the same components the panel slots render, on a
 * plain page. Remove once `/live/:id` and `/live/studio` carry them.
 */
function useSession(id: string): { session: LiveSessionView | null; error: unknown } {
  const [session, setSession] = useState<LiveSessionView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    apiClient.get<LiveSessionView>(`/api/live-sessions/${encodeURIComponent(id)}`).then(setSession, setError);
  }, [id]);
  return { session, error };
}

export function LiveSellPage() {
  const { id = '' } = useParams();
  const { session, error } = useSession(id);
  if (error) return <LoadFailed error={error} />;
  if (!session) return <Loading />;
  return (
    <div className="live-sell-page">
      <div className="live-sell-stage" aria-hidden="true" />
      <h1 className="live-sell-title">{session.title}</h1>
      <p className="muted live-sell-host">{session.host.displayName}</p>
      <WatchCommerce sessionId={session.id} />
    </div>
  );
}

export function LiveSellStudioPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { session, error } = useSession(id);
  if (error) return <LoadFailed error={error} />;
  if (!session) return <Loading />;
  return (
    <div className="commerce-page">
      <h1>{session.title}</h1>
      <p>
        <Link to="/my-shop">{t('commerce.myShop.view')}</Link>
      </p>
      <StudioCommerce sessionId={session.id} />
    </div>
  );
}
