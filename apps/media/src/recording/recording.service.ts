import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MEDIA_CONFIG, MediaAppConfig } from '@app/config';
import { InternalApi } from '../reporting/internal-api';
import { MEDIA_LIMITS, MediaLimits } from '../sfu/media-limits';
import { Room } from '../sfu/room';
import { SfuService } from '../sfu/sfu.service';
import { RecordingPorts, recordingPortRange } from './recording-ports';
import { RoomRecorder } from './room-recorder';

/** ffmpeg runs on this machine: RTP to it never leaves loopback. */
const RECORDING_IP = '127.0.0.1';
/** at shutdown, uploads of the last recordings get this long before they are abandoned */
const SHUTDOWN_UPLOAD_GRACE_MS = 15_000;

/**
 * Records sessions whose host token says `record`: one RoomRecorder per such room, created when
 * the host joins; it records while the session is live. Watches rooms through their observers. On shutdown every ffmpeg is stopped
 * (and killed at the latest when the Node process exits), so none outlives the server.
 */
@Injectable()
export class RecordingService implements OnApplicationShutdown {
  private readonly logger = new Logger('Recording');
  private readonly api: InternalApi;
  private readonly ports: RecordingPorts;
  private readonly recorders = new Map<Room, RoomRecorder>();
  private readonly uploads = new AbortController();
  private readonly killAll = (): void => {
    for (const r of this.recorders.values()) r.kill();
  };

  constructor(
    private readonly sfu: SfuService,
    @Inject(MEDIA_CONFIG) config: MediaAppConfig,
    @Inject(MEDIA_LIMITS) private readonly limits: MediaLimits,
  ) {
    this.api = new InternalApi(config.media.apiInternalUrl, config.media.internalSecret, limits.apiTimeoutMs);
    const range = recordingPortRange(config.media);
    this.ports = new RecordingPorts(RECORDING_IP, range.min, range.max);
    sfu.rooms.observer.on('newroom', (room) => this.watch(room));
    process.once('exit', this.killAll);
  }

  /** The recorders of a room id (a closed room's may still be uploading), oldest first. */
  recordersOf(roomId: string): RoomRecorder[] {
    return [...this.recorders.entries()].filter(([room]) => room.id === roomId).map(([, r]) => r);
  }

  /**
   * The api says a session changed status (`POST /internal/rooms/:id/session-changed`): its
   * recorders ask where it stands now. A room this server does not hold is none of its business.
   */
  sessionChanged(roomId: string): void {
    for (const recorder of this.recordersOf(roomId)) recorder.sessionChanged();
  }

  async onApplicationShutdown(): Promise<void> {
    this.sfu.rooms.closeAll(); // idempotent: stops every recording through the rooms' close
    const deadline = setTimeout(() => this.uploads.abort(), SHUTDOWN_UPLOAD_GRACE_MS);
    await Promise.all([...this.recorders.values()].map((r) => r.stop()));
    clearTimeout(deadline);
    process.off('exit', this.killAll);
  }

  private watch(room: Room): void {
    // from the recorded host's join on: it knows whether the session is live by the time the host
    // publishes, and a room that ends before anything could be recorded still tells the api its
    // replay failed
    room.observer.on('peerjoined', (peer) => {
      if (peer.role === 'host' && peer.identity.record) this.recorderOf(room);
    });
    room.observer.on('newproducer', (peer) => {
      if (peer.role === 'host' && peer.identity.record) this.recorderOf(room).hostPublished(peer);
    });
    room.observer.once('close', () => {
      const recorder = this.recorders.get(room);
      if (!recorder) return;
      void recorder.stop().finally(() => this.recorders.delete(room));
    });
  }

  private recorderOf(room: Room): RoomRecorder {
    let recorder = this.recorders.get(room);
    if (!recorder) {
      recorder = new RoomRecorder(room, {
        api: this.api,
        ports: this.ports,
        ip: RECORDING_IP,
        keyFrameIntervalMs: this.limits.recordingKeyFrameIntervalMs,
        sessionCheckIntervalMs: this.limits.sessionCheckIntervalMs,
        uploadSignal: this.uploads.signal,
        logger: this.logger,
      });
      this.recorders.set(room, recorder);
    }
    return recorder;
  }
}
