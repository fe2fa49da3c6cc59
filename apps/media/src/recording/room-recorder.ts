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
import type { ReplayCompleteRequest, ReplayFailureStage } from '@app/contracts';
import { reportReplayComplete, reportReplayFailed, uploadReplay } from './replay-upload';

export type RecorderState = 'idle' | 'starting' | 'recording' | 'uploading' | 'done' | 'failed';

export interface RoomRecorderDeps {
  api: InternalApi;
  ports: RecordingPorts;
  ip: string;
  keyFrameIntervalMs: number;
  /** aborts uploads (shutdown deadline) */
  uploadSignal: AbortSignal;
  logger: LoggerService;
}

/**
 * The recording of one room: starts when the host of a recorded session has a mic and a camera
 * (or screen) producer, stops when one of them closes, ffmpeg dies or the room closes, then
 * uploads the replay, deletes the temp files and only then reports the replay complete. One
 * recording per room: a host who comes back after their producers closed is not recorded again
 * (the replay would be overwritten).
 * Failures (codecs WebM cannot hold, no mic and camera by the end, ffmpeg dying without a usable
 * file, a refused upload) are logged and reported to the api (`replay-failed`), so the replay
 * becomes `failed` rather than staying `processing`.
 */
export class RoomRecorder {
  private currentState: RecorderState = 'idle';
  private session: RecordingSession | undefined;
  private run: Promise<void> | undefined;
  private readonly stopRequested = new AbortController();

  constructor(
    private readonly room: Room,
    private readonly deps: RoomRecorderDeps,
  ) {}

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

  hostPublished(host: Peer): void {
    if (this.currentState !== 'idle' || this.room.closed || this.stopRequested.signal.aborted) return;
    const live = [...host.producers.values()].filter((p) => !p.closed);
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
      this.run = this.reportFailure('record', 'codecs do not fit WebM without transcoding');
      return;
    }
    this.currentState = 'starting';
    this.run = this.record(audio, video);
  }

  /** Idempotent; resolves once the replay is uploaded or has failed (and been reported). Never rejects. */
  stop(): Promise<void> {
    this.stopRequested.abort();
    if (this.currentState === 'idle') {
      // the host never had both a mic and a camera on: there is nothing to upload, ever
      this.currentState = 'failed';
      this.run = this.reportFailure('record', 'the host never published both a microphone and a camera');
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
      for (const p of [audio, video]) {
        if (p.closed) return resolve(`${p.kind} producer closed`);
        p.observer.once('close', () => resolve(`${p.kind} producer closed`));
      }
      void session.ended.then((exit) => resolve(`ffmpeg exited by itself (${exit.code ?? exit.signal})`));
    });
  }
}
