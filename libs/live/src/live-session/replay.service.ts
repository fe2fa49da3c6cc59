import { Inject, Injectable, Logger } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '@app/config';
import {
  DomainError,
  DownloadUrlResponse,
  ReplayCompleteRequest,
  ReplayFailedRequest,
  ReplayUploadResponse,
} from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { ObjectStorage } from '@app/storage';
import { LiveSessionService } from './live-session.service';

const WEBM_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/**
 * Replays: the media server records with ffmpeg and uploads the file straight to object storage
 * through a presigned URL it asks for here, so it never holds storage credentials.
 */
@Injectable()
export class ReplayService {
  private readonly logger = new Logger('Replay');

  constructor(
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
    private readonly uow: UnitOfWork,
    private readonly sessions: LiveSessionService,
    private readonly storage: ObjectStorage,
  ) {}

  static objectKey(sessionId: string): string {
    return `replays/${sessionId}.webm`;
  }

  async uploadUrl(sessionId: string): Promise<ReplayUploadResponse> {
    const s = await this.uow.run(({ em }) => this.sessions.find(em, sessionId));
    if (!s.record) throw new DomainError('SESSION_STATE_INVALID', 'This session is not being recorded.');
    // the media server uploads from the server side: it reaches the S3 endpoint itself
    const url = await this.storage.presignPut(ReplayService.objectKey(sessionId), 3600, 'server');
    return { url, headers: { 'Content-Type': 'video/webm' } };
  }

  /**
   * The media server uploaded the replay. The file is checked with the session row locked, so a
   * concurrent `fail` (which removes the object) comes wholly before or after: a replay is never
   * made ready just as its file is removed. A file that is missing or not WebM fails the replay,
   * and what was uploaded is removed.
   */
  async complete(sessionId: string, dto: ReplayCompleteRequest): Promise<void> {
    const key = ReplayService.objectKey(sessionId);
    const ok = await this.uow.run(async ({ em }) => {
      const s = await this.sessions.findForUpdate(em, sessionId);
      if (!s.record) throw new DomainError('SESSION_STATE_INVALID', 'This session is not being recorded.');
      const stat = await this.storage.stat(key);
      const head = stat ? await this.storage.head(key, 4) : Buffer.alloc(0);
      const good = !!stat && stat.size === dto.size && head.equals(WEBM_MAGIC);
      s.replayStatus = good ? 'ready' : 'failed';
      s.replayObjectKey = good ? key : null;
      s.replayDurationMs = good ? dto.durationMs : null;
      await em.save(s);
      return good;
    });
    if (!ok) {
      await this.discardObject(sessionId);
      throw new DomainError('UPLOAD_CONTENT_MISMATCH', 'The replay file is missing or is not a WebM video.');
    }
  }

  /**
   * The media server gave up on this replay. A replay still being recorded or processed becomes
   * `failed`; a ready one stays ready (a late or repeated report must not hide a good file), and a
   * failed one stays failed. A session that is not recorded has no replay to fail. Whatever was
   * uploaded for a failed replay is removed: typically a file whose `replay-complete` never got
   * through, which nothing would ever point to.
   */
  async fail(sessionId: string, dto: ReplayFailedRequest): Promise<void> {
    const outcome = await this.uow.run(async ({ em }) => {
      const s = await this.sessions.findForUpdate(em, sessionId);
      if (!s.record) throw new DomainError('SESSION_STATE_INVALID', 'This session is not being recorded.');
      if (s.replayStatus === 'failed') return 'already failed';
      if (s.replayStatus !== 'recording' && s.replayStatus !== 'processing') return 'kept';
      s.replayStatus = 'failed';
      s.replayObjectKey = null;
      s.replayDurationMs = null;
      await em.save(s);
      return 'failed';
    });
    if (outcome === 'kept') return;
    if (outcome === 'failed')
      this.logger.warn(`session ${sessionId}: replay failed (${dto.stage}): ${dto.reason.slice(0, 500)}`);
    // reported again: the removal is tried again
    await this.discardObject(sessionId);
  }

  /**
   * Removes the stored file of a failed replay: nobody can watch it and nothing points to it. The
   * status is read with the row locked, so a replay a late `complete` made ready keeps its file.
   * Best effort: a failure is logged and the file stays (a repeated `replay-failed` tries again).
   */
  async discardObject(sessionId: string): Promise<void> {
    const key = ReplayService.objectKey(sessionId);
    try {
      const removed = await this.uow.run(async ({ em }) => {
        const s = await this.sessions.findForUpdate(em, sessionId);
        if (s.replayStatus !== 'failed' || !(await this.storage.stat(key))) return false;
        await this.storage.remove(key);
        return true;
      });
      if (removed) this.logger.warn(`session ${sessionId}: removed ${key}, uploaded for a failed replay`);
    } catch (error) {
      this.logger.error(`session ${sessionId}: could not remove ${key} of a failed replay: ${String(error)}`);
    }
  }

  async playbackUrl(sessionId: string): Promise<DownloadUrlResponse> {
    const s = await this.uow.run(({ em }) => this.sessions.find(em, sessionId));
    if (s.replayStatus !== 'ready' || !s.replayObjectKey)
      throw new DomainError('NOT_FOUND', 'No replay is available for this session yet.');
    const ttl = this.cfg.storage.presignTtl;
    const url = await this.storage.presignGet(s.replayObjectKey, ttl, {
      'response-content-type': 'video/webm',
    });
    return { url, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }
}
