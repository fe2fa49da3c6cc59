import { useState } from 'react';
import type { PeerInfo } from '@app/contracts';
import { errorCode, type MediaSession } from '@app/media-client';
import { useI18n } from '../../i18n';
import { HandIcon } from './live-icons';
import { codeText } from './live-text';

/**
 * A signed-in viewer's "raise hand": the host sees it in the studio's people panel and may invite
 * them on stage (which lowers it). Shown only to viewers the api made eligible for the stage.
 */
export function RaiseHand({ session, you }: { session: MediaSession | null; you: PeerInfo | null }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!session || !you || !you.stageEligible || you.canPublish) return null;
  const raised = you.handRaised;

  const toggle = () => {
    setBusy(true);
    setError(null);
    session
      .setHand(!raised)
      .catch((e: unknown) => setError(codeText(errorCode(e) ?? 'MEDIA_UNAVAILABLE', t)))
      .finally(() => setBusy(false));
  };

  return (
    <div className={`live-banner live-hand${raised ? ' live-hand-up' : ''}`} role="status">
      <p>{t(raised ? 'live.watch.handRaised' : 'live.watch.raiseHandHint')}</p>
      {error && (
        <p className="live-chat-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className={`button button-small${raised ? ' button-secondary' : ''}`}
        aria-pressed={raised}
        disabled={busy}
        onClick={toggle}
      >
        <HandIcon /> {t(raised ? 'live.watch.lowerHand' : 'live.watch.raiseHand')}
      </button>
    </div>
  );
}
