import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LiveSessionView, PeerInfo } from '@app/contracts';
import type { RemoteTrack } from '@app/media-client';
import { Link } from 'react-router-dom';
import { useUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n';
import { ChatPanel } from './chat-panel';
import { LikeButton } from './like-button';
import { SoundIcon } from './live-icons';
import { LiveNotice } from './live-notice';
import { LivePanelArea } from './live-panels';
import { codeText } from './live-text';
import { MediaVideo, useTrackStream } from './media-video';
import { RaiseHand } from './raise-hand';
import { Stage } from './stage';
import { StageInvite } from './stage-invite';
import { useLayerHints } from './use-layer-hints';
import { useLiveRoom } from './use-live-room';
import { useMediaRoom } from './use-media-room';
import { useStagePublisher } from './use-stage-publisher';

interface WatchRoomProps {
  session: LiveSessionView;
  /** a program admin watching a class unseen and unheard: no chat input, likes or raised hand */
  observe: boolean;
  onEnded(): void;
  onReopen(): void;
  signInLink: ReactNode;
}

/** Tracks by publishing peer: the host's pair first, then each guest's. */
function stageGroups(tracks: RemoteTrack[], peers: PeerInfo[]) {
  const hostId = peers.find((p) => p.role === 'host')?.id;
  const byPeer = new Map<string, RemoteTrack[]>();
  for (const t of tracks) byPeer.set(t.peerId, [...(byPeer.get(t.peerId) ?? []), t]);
  const host = hostId ? (byPeer.get(hostId) ?? []) : [];
  const guests = [...byPeer.entries()]
    .filter(([peerId]) => peerId !== hostId)
    .map(([peerId, list]) => ({ peer: peers.find((p) => p.id === peerId), tracks: list }));
  return { host, guest: guests[0] };
}

export function WatchRoom({ session, observe, onEnded, onReopen, signInLink }: WatchRoomProps) {
  const { t } = useI18n();
  const user = useUser();
  const room = useLiveRoom(session.id);
  const media = useMediaRoom(session.id, true, observe);
  const stage = useStagePublisher(media.session, media.you?.canPublish ?? false);
  const stageRef = useRef<HTMLDivElement>(null);
  const [dataSaver, setDataSaver] = useState(false);
  const [soundBlocked, setSoundBlocked] = useState(false);
  useLayerHints(media.session, stageRef, dataSaver);

  const ended =
    room.status === 'ended' || media.closedReason === 'ended' || media.closedReason === 'hostLeft';
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);

  const groups = stageGroups(media.tracks, media.peers);
  const hostStream = useTrackStream(groups.host);
  const guestStream = useTrackStream(groups.guest?.tracks ?? []);
  const onBlocked = useCallback(() => setSoundBlocked(true), []);

  if (ended) return <LiveNotice title={t('live.watch.ended')} body={t('live.watch.endedBody')} />;
  if (media.error === 'UNAUTHENTICATED')
    return (
      <LiveNotice title={session.title} body={t('live.watch.signInForClass')}>
        {signInLink}
      </LiveNotice>
    );
  if (media.closedReason === 'replaced')
    return (
      <LiveNotice title={session.title} body={t('live.watch.replaced')}>
        <button type="button" className="button" onClick={onReopen}>
          {t('live.watch.reload')}
        </button>
      </LiveNotice>
    );

  const hostName = session.host.displayName;
  const notice =
    media.phase === 'failed'
      ? codeText(media.error ?? 'MEDIA_UNAVAILABLE', t)
      : media.phase === 'connecting' || media.phase === 'idle'
        ? t('live.watch.connecting')
        : media.phase === 'reconnecting' || media.phase === 'closed'
          ? t('live.watch.reconnecting')
          : !media.hostPresent
            ? t('live.watch.hostAway')
            : !hostStream
              ? t('live.watch.waitingHost')
              : null;
  const guestName = groups.guest?.peer?.name ?? '';
  const mayObserve =
    !observe &&
    session.kind === 'class' &&
    !!user &&
    user.id !== session.host.id &&
    (user.roles.includes('program_admin') || user.roles.includes('admin'));

  return (
    <div className="live-room">
      <div className="live-room-main">
        <Stage
          stageRef={stageRef}
          hostName={hostName}
          live
          // the api's number is periodic; whoever is watching counts at least themselves
          viewers={Math.max(room.viewers ?? session.viewersNow, 1)}
          notice={notice}
          main={
            <MediaVideo
              stream={hostStream}
              role="host"
              label={t('live.watch.hostVideo', { name: hostName })}
              muted={soundBlocked}
              onAutoplayBlocked={onBlocked}
            />
          }
          tile={
            stage.stream ? (
              <MediaVideo stream={stage.stream} role="self" label={t('live.watch.you')} muted mirrored />
            ) : guestStream ? (
              <MediaVideo
                stream={guestStream}
                role="cohost"
                label={t('live.watch.guestVideo', { name: guestName })}
                muted={soundBlocked}
                onAutoplayBlocked={onBlocked}
              />
            ) : null
          }
        >
          {soundBlocked && (
            <button type="button" className="live-sound" onClick={() => setSoundBlocked(false)}>
              <SoundIcon />
              {t('live.watch.tapForSound')}
            </button>
          )}
        </Stage>
        <div className="live-titlebar">
          <h1 className="live-title">{session.title}</h1>
          <label className="live-switch" title={t('live.watch.dataSaverHint')}>
            <input type="checkbox" checked={dataSaver} onChange={(e) => setDataSaver(e.target.checked)} />
            <span>{t('live.watch.dataSaver')}</span>
          </label>
        </div>
        {observe && (
          <p className="live-observing" role="status">
            {t('live.watch.observing')}
          </p>
        )}
        {mayObserve && (
          <Link className="live-observe-link" to={`/live/${session.id}?observe=1`} reloadDocument>
            {t('live.watch.observe')}
          </Link>
        )}
        {!observe && (
          <StageInvite
            // a new invitation after a removal asks again, even if the last one was declined
            key={String(media.you?.canPublish ?? false)}
            hostName={hostName}
            invited={media.you?.canPublish ?? false}
            phase={stage.phase}
            error={stage.error}
            removed={stage.removed}
            onJoin={stage.join}
            onLeave={stage.leave}
          />
        )}
        {!observe && <RaiseHand session={media.session} you={media.you} />}
        <LivePanelArea area="stage" session={session} audience="viewer" />
      </div>
      <aside className="live-room-side">
        <LivePanelArea area="side" session={session} audience="viewer" />
        <ChatPanel
          sessionId={session.id}
          hostId={session.host.id}
          chat={room.chat}
          sendChat={observe ? undefined : room.sendChat}
        >
          {!observe && <LikeButton likes={room.likes} onLike={room.like} />}
        </ChatPanel>
      </aside>
    </div>
  );
}
