import { useState } from 'react';
import type { PeerInfo } from '@app/contracts';
import type { MediaSession } from '@app/media-client';
import { errorCode } from '@app/media-client';
import { useI18n } from '../../i18n';
import { HandIcon } from './live-icons';
import { codeText } from './live-text';

/**
 * The host's list of who is in the room, raised hands first, with "invite on stage" for viewers
 * the api made eligible (signed-in ones) and "remove" for those on it.
 */
export function PeoplePanel({ session, peers }: { session: MediaSession; peers: PeerInfo[] }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // stable order otherwise: a raised hand moves a person up, nothing else reshuffles the list
  const people = peers
    .filter((p) => p.role !== 'host')
    .sort((a, b) => Number(b.handRaised) - Number(a.handRaised));
  const hands = people.filter((p) => p.handRaised).length;

  const act = (peer: PeerInfo, invite: boolean) => {
    setBusy(peer.id);
    setError(null);
    (invite ? session.inviteCohost(peer.id) : session.removeCohost(peer.id))
      .catch((e: unknown) => setError(codeText(errorCode(e) ?? 'MEDIA_UNAVAILABLE', t)))
      .finally(() => setBusy(null));
  };

  return (
    <section className="live-people" aria-labelledby="live-people-title">
      <h2 id="live-people-title" className="live-side-title">
        {t('live.people.title', { count: people.length })}
      </h2>
      {hands > 0 && (
        <p className="live-hands" role="status">
          <HandIcon /> {t('live.people.handsUp', { count: hands })}
        </p>
      )}
      {error && (
        <p className="live-chat-error" role="alert">
          {error}
        </p>
      )}
      {people.length === 0 ? (
        <p className="live-empty">{t('live.people.empty')}</p>
      ) : (
        <ul className="live-people-list">
          {people.map((p) => (
            <li key={p.id} className="live-person">
              <span className="live-avatar" aria-hidden="true">
                {(p.name || t('live.people.guest')).slice(0, 1)}
              </span>
              <span className="live-person-name">
                {p.name || t('live.people.guest')}
                {p.canPublish && <span className="badge live-onstage-badge">{t('live.people.onStage')}</span>}
                {p.handRaised && (
                  <span className="badge live-hand-badge">
                    <HandIcon size={14} /> {t('live.people.handRaised')}
                  </span>
                )}
              </span>
              {(p.canPublish || p.stageEligible) && (
                <button
                  type="button"
                  className={`button button-small${p.canPublish ? ' button-secondary' : ''}`}
                  disabled={busy === p.id}
                  onClick={() => act(p, !p.canPublish)}
                >
                  {t(p.canPublish ? 'live.people.remove' : 'live.people.invite')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
