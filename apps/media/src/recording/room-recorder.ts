import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import type { Peer } from '../sfu/peer';
import type { Room } from '../sfu/room';
import { InternalApi } from '../reporting/internal-api';
import { RecordingPorts } from './recording-ports';
import { recordable, RecordingSession } from './recording-session';
import type { LiveSessionStateResponse, ReplayCompleteRequest, ReplayFailureStage } from '@app/contracts';
import { readSessionState, reportReplayComplete, reportReplayFailed, uploadReplay } from './replay-upload';
import { SessionPhase, SessionWatch } from './session-watch';

export type RecorderState = 'idle' | 'starting' | 'recording' | 'uploading' | 'done' | 'failed';

export interface RoomRecorderDeps {
  api: InternalApi;
  ports: RecordingPorts;
  ip: string;
  keyFrameIntervalMs: number;
  /** how often to ask the api whether the session is live (or over) when it has not said so */
  sessionCheckIntervalMs: number;
  /** aborts uploads (shutdown deadline) */
  uploadSignal: AbortSignal;
  logger: LoggerService;
}

/**
 * The recording of one room: the live session's time, not the studio preview before it. Made when
 * the host of a recorded session joins; from then on it knows from the api whether the session is
 * live (SessionWatch). It starts once the session is live and the host has a mic and a camera (or
 * screen) producer, whichever comes last, so a host who previews first is recorded from the moment
 * the session goes live and a host who publishes later from their first frame. It stops when the
 * session is over, one of the producers closes, ffmpeg dies or the room closes, then uploads the
 * replay, deletes the temp files and only then reports the replay complete. One recording per
 * room: a host who comes back after their producers closed is not recorded again (the replay would
 * be overwritten).
 * Failures (codecs WebM cannot hold, no mic and camera while live, ffmpeg dying without a usable
 * file, a refused upload) are logged and reported to the api (`replay-failed`), so the replay
 * becomes `failed` rather than staying `processing`.
 */
export class RoomRecorder {
  private currentState: RecorderState = 'idle';
  private session: RecordingSession | undefined;
  private run: Promise<void> | undefined;
  private readonly stopRequested = new AbortController();
  private readonly sessionOver = new AbortController();
  private readonly watch: SessionWatch;
  /** the host whose producers are recorded (the latest, should they reconnect) */
  private host: Peer | undefined;

  constructor(
    private readonly room: Room,
    private readonly deps: RoomRecorderDeps,
  ) {
    this.watch = new SessionWatch({
      read: (signal) => readSessionState(deps.api, room.id, signal),
      intervalMs: deps.sessionCheckIntervalMs,
      onPhase: (phase, state) => this.sessionReached(phase, state),
      logger: deps.logger,
      label: `room ${room.id}`,
    });
    this.watch.start();
  }

  get state(): RecorderState {
    return this.currentState;
  }

  /** pid of the recording's ffmpeg, once started (tests check it is gone) */
  get ffmpegPid(): number | undefined {
    return this.session?.pid;
  }

  /** the temp file, once started (tests check it is deleted) */
  get file(): string | undefined {
    return this.session?.file;
  }

  /** where the session stands, as far as this recorder knows */
  get sessionPhase(): SessionPhase {
    return this.watch.phase;
  }

  hostPublished(host: Peer): void {
    this.host = host;
    this.startIfLive();
  }

  /** The api says the session changed (went live, ended): ask it now, not at the next check. */
  sessionChanged(): void {
    this.watch.check();
  }

  private sessionReached(phase: SessionPhase, state: LiveSessionStateResponse): void {
    if (phase === 'live') {
      const lateMs = state.startedAt ? Date.now() - Date.parse(state.startedAt) : 0;
      this.deps.logger.log(
        `room ${this.room.id}: the session is live (known ${lateMs} ms after it went live)`,
      );
      this.startIfLive();
    }
    if (phase === 'over') this.sessionOver.abort();
  }

  private startIfLive(): void {
    if (this.currentState !== 'idle' || this.room.closed || this.stopRequested.signal.aborted) return;
    if (this.watch.phase !== 'live' || !this.host) return;
    const live = [...this.host.producers.values()].filter((p) => !p.closed);
    const audio = live.find((p) => p.appData.source === 'mic');
    const video =
      live.find((p) => p.appData.source === 'camera') ?? live.find((p) => p.appData.source === 'screen');
    if (!audio || !video) return;
    if (!recordable(audio) || !recordable(video)) {
      this.deps.logger.warn(
        `room ${this.room.id}: not recorded: ${video.rtpParameters.codecs[0]?.mimeType} / ` +
          `${audio.rtpParameters.codecs[0]?.mimeType} do not fit WebM without transcoding`,
      );
      this.currentState = 'failed';
      this.watch.close();
      this.run = this.reportFailure('record', 'codecs do not fit WebM without transcoding');
      return;
    }
    this.currentState = 'starting';
    this.run = this.record(audio, video);
  }

  /** Idempotent; resolves once the replay is uploaded or has failed (and been reported). Never rejects. */
  stop(): Promise<void> {
    this.stopRequested.abort();
    this.watch.close();
    if (this.currentState === 'idle') {
      // nothing was recorded, so nothing will be uploaded, ever. Reported whatever the session's
      // state: if it went live unbeknown to this server, its replay must not wait for the sweeper.
      // (A session that never went live has no replay; the api ignores the report.)
      this.currentState = 'failed';
      const reason =
        this.watch.phase === 'live'
          ? 'the host never published both a microphone and a camera while the session was live'
          : `the session was not live (as far as the api said: ${this.watch.phase}) while the host was here`;
      this.run = this.reportFailure('record', reason);
    }
    return this.run ?? Promise.resolve();
  }

  /** Synchronous last resort (the Node process is exiting). */
  kill(): void {
    this.session?.kill();
  }

  private async record(audio: ms.Producer, video: ms.Producer): Promise<void> {
    const { logger } = this.deps;
    const roomId = this.room.id;
    let dir: string | undefined;
    let uploaded: ReplayCompleteRequest | undefined;
    let failedAt: ReplayFailureStage | undefined;
    let reason = '';
    try {
      dir = await mkdtemp(join(tmpdir(), 'anchor-recording-'));
      const started = Date.now();
      this.session = await RecordingSession.start({
        router: this.room.routerList[0].router,
        audio,
        video,
        ports: this.deps.ports,
        ip: this.deps.ip,
        dir,
        keyFrameIntervalMs: this.deps.keyFrameIntervalMs,
      });
      this.currentState = 'recording';
      logger.log(
        `room ${roomId}: recording (ffmpeg pid ${this.session.pid}, ready in ${Date.now() - started} ms)`,
      );
      const why = await this.stopCause(audio, video, this.session);
      this.watch.close();
      const exit = await this.session.stop();
      logger.log(`room ${roomId}: recording stopped (${why}; ffmpeg exit ${exit?.code ?? exit?.signal})`);
      this.currentState = 'uploading';
      uploaded = await uploadReplay(this.deps.api, roomId, this.session.file, this.deps.uploadSignal);
      logger.log(`room ${roomId}: replay uploaded (${uploaded.durationMs} ms, ${uploaded.size} bytes)`);
    } catch (error) {
      failedAt = this.currentState === 'uploading' ? 'upload' : 'record';
      reason = String(error);
      this.currentState = 'failed';
      const tail = this.session?.stderrTail;
      logger.error(`room ${roomId}: recording failed: ${reason}${tail ? `\nffmpeg: ${tail}` : ''}`);
    }
    // The api hears the outcome only after the clean-up, whichever it is: once it says `ready` or
    // `failed`, nothing of this recording is left here.
    await this.cleanUp(dir);
    if (uploaded) {
      try {
        await reportReplayComplete(this.deps.api, roomId, uploaded, this.deps.uploadSignal);
        this.currentState = 'done';
        logger.log(`room ${roomId}: replay complete reported`);
        return;
      } catch (error) {
        failedAt = 'upload';
        reason = `replay-complete: ${String(error)}`;
        this.currentState = 'failed';
        logger.error(`room ${roomId}: could not report the replay complete: ${reason}`);
      }
    }
    if (failedAt) await this.reportFailure(failedAt, reason);
  }

  /**
   * Stops ffmpeg (if still running) and deletes the temp folder. Never rejects: a clean-up that
   * fails is logged, and the outcome is still reported (a stray temp folder is better than a
   * replay the api waits for forever).
   */
  private async cleanUp(dir: string | undefined): Promise<void> {
    const roomId = this.room.id;
    try {
      await this.session?.stop();
    } catch (error) {
      this.deps.logger.error(`room ${roomId}: could not stop the recording: ${String(error)}`);
    }
    if (!dir) return;
    try {
      await rm(dir, { recursive: true, force: true });
    } catch (error) {
      this.deps.logger.error(`room ${roomId}: could not delete the temp folder ${dir}: ${String(error)}`);
    }
  }

  /** Never rejects: a report that cannot be delivered is logged. */
  private async reportFailure(stage: ReplayFailureStage, reason: string): Promise<void> {
    try {
      await reportReplayFailed(this.deps.api, this.room.id, { stage, reason }, this.deps.uploadSignal);
      this.deps.logger.log(`room ${this.room.id}: replay failure reported (${stage})`);
    } catch (error) {
      this.deps.logger.error(`room ${this.room.id}: could not report the replay failure: ${String(error)}`);
    }
  }

  private stopCause(audio: ms.Producer, video: ms.Producer, session: RecordingSession): Promise<string> {
    return new Promise((resolve) => {
      if (this.stopRequested.signal.aborted) return resolve('room closed');
      this.stopRequested.signal.addEventListener('abort', () => resolve('room closed'), { once: true });
      // the replay ends with the session, even if the host's camera stays on a little longer
      if (this.sessionOver.signal.aborted) return resolve('session over');
      this.sessionOver.signal.addEventListener('abort', () => resolve('session over'), { once: true });
      for (const p of [audio, video]) {
        if (p.closed) return resolve(`${p.kind} producer closed`);
        p.observer.once('close', () => resolve(`${p.kind} producer closed`));
      }
      void session.ended.then((exit) => resolve(`ffmpeg exited by itself (${exit.code ?? exit.signal})`));
    });
  }
}
