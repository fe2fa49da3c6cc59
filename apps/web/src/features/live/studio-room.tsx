import { useEffect, useRef, useState } from 'react';
import type { LiveSessionView } from '@app/contracts';
import { errorCode } from '@app/media-client';
import { errorText, useI18n } from '../../i18n';
import { ChatPanel } from './chat-panel';
import { DevicePicker } from './device-picker';
import { liveApi } from './live-api';
import { CameraIcon, MicIcon } from './live-icons';
import { LivePanelArea } from './live-panels';
import { codeText } from './live-text';
import { MediaVideo, useTrackStream } from './media-video';
import { PeoplePanel } from './people-panel';
import { Stage } from './stage';
import { useLiveRoom } from './use-live-room';
import { useLocalMedia } from './use-local-media';
import { useMediaRoom } from './use-media-room';

interface StudioRoomProps {
  session: LiveSessionView;
  /** `likes`: the final count, when the stream has just ended */
  onChanged(session: LiveSessionView, likes?: number): void;
}

/** The host's room: preview, devices, go live, end; chat, viewers and the stage guest. */
export function StudioRoom({ session, onChanged }: StudioRoomProps) {
  const { t } = useI18n();
  const local = useLocalMedia(true);
  // a host who reloads while live comes back to "resume", not straight on air
  const [onAir, setOnAir] = useState(false);
  const [busy, setBusy] = useState<'start' | 'end' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const media = useMediaRoom(session.id, onAir);
  const room = useLiveRoom(session.id);
  const published = useRef<{ session: unknown; stream: MediaStream } | null>(null);
  const live = session.status === 'live';

  // publish once connected, and again when the host picks another camera or microphone
  const { session: mediaSession, phase } = media;
  const canPublish = media.you?.canPublish ?? false;
  useEffect(() => {
    const stream = local.stream;
    if (!mediaSession || phase !== 'connected' || !canPublish || !stream) return;
    const last = published.current;
    if (last && last.session === mediaSession && last.stream === stream) return;
    published.current = { session: mediaSession, stream };
    mediaSession
      .publish({ camera: stream.getVideoTracks()[0] ?? null, mic: stream.getAudioTracks()[0] ?? null })
      .catch((e: unknown) => setProblem(codeText(errorCode(e) ?? 'MEDIA_UNAVAILABLE', t)));
  }, [mediaSession, phase, canPublish, local.stream, t]);

  useEffect(() => {
    local.stream?.getAudioTracks().forEach((tr) => (tr.enabled = micOn));
    local.stream?.getVideoTracks().forEach((tr) => (tr.enabled = cameraOn));
  }, [local.stream, micOn, cameraOn]);

  useEffect(() => {
    if (media.phase === 'failed') setOnAir(false);
    if (media.error) setProblem(codeText(media.error, t));
    // opened in another tab, or the network never came back: off air here, "resume" brings it back
    const reason = media.closedReason;
    if (media.phase === 'closed' && reason !== 'ended' && reason !== 'left') {
      setOnAir(false);
      setProblem(t(reason === 'replaced' ? 'live.watch.replaced' : 'live.studio.lost'));
    }
  }, [media.phase, media.error, media.closedReason, t]);

  const goLive = async () => {
    setBusy('start');
    setProblem(null);
    try {
      if (session.status === 'scheduled') onChanged(await liveApi.start(session.id));
      setOnAir(true);
    } catch (e) {
      setProblem(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };

  const end = async () => {
    if (!window.confirm(t('live.studio.endConfirm'))) return;
    setBusy('end');
    setProblem(null);
    try {
      const ended = await liveApi.end(session.id);
      await media.session?.endRoom().catch(() => undefined);
      setOnAir(false);
      onChanged(ended, room.likes);
    } catch (e) {
      setProblem(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };

  const guestTracks = media.tracks.filter((tr) => tr.peerId === media.tracks[0]?.peerId);
  const guestStream = useTrackStream(guestTracks);
  const guest = media.peers.find((p) => p.id === guestTracks[0]?.peerId);
  const audience = media.peers.filter((p) => p.role !== 'host').length;
  const airing = onAir && media.phase === 'connected';
  const notice = local.failed
    ? t('live.devices.denied')
    : media.phase === 'reconnecting'
      ? t('live.watch.reconnecting')
      : null;

  return (
    <div className="live-room live-studio">
      <div className="live-room-main">
        <Stage
          hostName={session.host.displayName}
          live={airing}
          viewers={airing ? audience : null}
          notice={notice}
          main={
            <MediaVideo stream={local.stream} role="self" label={t('live.devices.preview')} muted mirrored />
          }
          tile={
            guestStream && (
              <MediaVideo
                stream={guestStream}
                role="cohost"
                label={t('live.watch.guestVideo', { name: guest?.name ?? '' })}
                muted={false}
              />
            )
          }
        />
        <div className="live-titlebar">
          <h1 className="live-title">{session.title}</h1>
          <p className={airing ? 'live-status live-status-on' : 'live-status'} role="status">
            {airing ? t('live.studio.onAir') : t('live.studio.preview')}
          </p>
        </div>
        {problem && (
          <p className="form-alert" role="alert">
            {problem}
          </p>
        )}
        <div className="live-controls">
          <button
            type="button"
            className="live-round"
            aria-pressed={!micOn}
            onClick={() => setMicOn((v) => !v)}
            aria-label={t(micOn ? 'live.devices.micOff' : 'live.devices.micOn')}
          >
            <MicIcon off={!micOn} />
          </button>
          <button
            type="button"
            className="live-round"
            aria-pressed={!cameraOn}
            onClick={() => setCameraOn((v) => !v)}
            aria-label={t(cameraOn ? 'live.devices.cameraOff' : 'live.devices.cameraOn')}
          >
            <CameraIcon off={!cameraOn} />
          </button>
          {onAir ? (
            <button
              type="button"
              className="button live-end"
              disabled={busy !== null}
              onClick={() => void end()}
            >
              {t(busy === 'end' ? 'live.studio.ending' : 'live.studio.end')}
            </button>
          ) : (
            <button
              type="button"
              className="button live-go"
              disabled={busy !== null || !local.stream}
              onClick={() => void goLive()}
            >
              {t(
                busy === 'start'
                  ? 'live.studio.goingLive'
                  : live
                    ? 'live.studio.resume'
                    : 'live.studio.goLive',
              )}
            </button>
          )}
        </div>
        {local.failed && (
          <button type="button" className="button button-secondary button-block" onClick={local.retry}>
            {t('live.devices.retry')}
          </button>
        )}
        <DevicePicker media={local} />
        <p className="live-share">
          {t('live.studio.shareHint')}{' '}
          <a href={`/live/${session.id}`}>{`${window.location.origin}/live/${session.id}`}</a>
        </p>
        <LivePanelArea area="stage" session={session} audience="host" />
      </div>
      <aside className="live-room-side">
        {media.session && <PeoplePanel session={media.session} peers={media.peers} />}
        <LivePanelArea area="side" session={session} audience="host" />
        {/* chat opens with the stream (the api refuses messages before) */}
        {live && (
          <ChatPanel
            sessionId={session.id}
            hostId={session.host.id}
            chat={room.chat}
            sendChat={room.sendChat}
          />
        )}
      </aside>
    </div>
  );
}
