import type { LoggerService } from '@nestjs/common';
import type { Peer } from '../sfu/peer';
import { AttendanceBook } from './attendance-book';
import { backoffMs, sleep } from './backoff';
import { InternalApi, InternalApiError } from './internal-api';

/** The api accepts at most this many intervals per report (RoomReportDto). */
export const MAX_INTERVALS_PER_REPORT = 5000;
const MAX_BACKOFF_MS = 60_000;

export interface RoomReporterOptions {
  intervalMs: number;
  /** a closed room's last reports are retried this long */
  giveUpMs: number;
}

/**
 * Reports one room to the api every `intervalMs`: viewers now, peak, attendance intervals that
 * closed since the last delivered report. A failed report is retried with backoff and its
 * intervals are kept; once the room closes, `finish` delivers everything (and `ended: true` when
 * the room ended) before the reporter goes. At least once: a report whose answer was lost is sent
 * again (the api has no idempotency key for reports).
 */
export class RoomReporter {
  private readonly book = new AttendanceBook();
  private readonly timer: NodeJS.Timeout;
  private inFlight: Promise<boolean> | undefined;
  private failures = 0;
  private retryAt = 0;
  private endedToSend = false;
  private finished = false;
  private droppedLogged = 0;

  constructor(
    readonly roomId: string,
    private readonly api: InternalApi,
    private readonly options: RoomReporterOptions,
    private readonly logger: LoggerService,
  ) {
    this.timer = setInterval(() => this.tick(), options.intervalMs);
  }

  /** Observers (unseen program admins) are neither counted nor in attendance. */
  joined(peer: Peer): void {
    const role = peer.role;
    if (this.finished || role === 'observer') return;
    this.book.join(peer.id, peer.identity.userId, role);
  }

  left(peer: Peer): void {
    this.book.leave(peer.id);
  }

  /**
   * The room closed: whoever is still in it leaves now, and reports go out, retried, until the api
   * has every interval (and the end, when `ended`) or `giveUpMs` passes or `stopRetrying` aborts.
   * Never rejects. Idempotent.
   */
  async finish(ended: boolean, stopRetrying: AbortSignal): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.timer);
    this.book.leaveAll();
    this.endedToSend = ended;
    await this.inFlight;
    const giveUp = AbortSignal.any([stopRetrying, AbortSignal.timeout(this.options.giveUpMs)]);
    for (;;) {
      // the backoff holds for a closing room too: an api in trouble is not hammered by every room
      await sleep(Math.max(0, this.retryAt - Date.now()), giveUp);
      const delivered = await this.send();
      if (delivered && this.book.pendingCount === 0 && !this.endedToSend) return;
      if (giveUp.aborted) break;
    }
    this.logger.error(
      `room ${this.roomId}: gave up reporting; ${this.book.pendingCount} attendance interval(s)` +
        `${this.endedToSend ? ' and the room end' : ''} not delivered`,
    );
  }

  private tick(): void {
    if (this.inFlight || Date.now() < this.retryAt) return;
    void this.send();
  }

  /** One report at a time; resolves whether it was delivered (or refused for good). Never rejects. */
  private send(): Promise<boolean> {
    this.inFlight ??= this.post().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async post(): Promise<boolean> {
    const { report, upToSeq } = this.book.draft(MAX_INTERVALS_PER_REPORT);
    // the end goes with the last batch, after every interval
    const last = this.endedToSend && report.attendance.length === this.book.pendingCount;
    if (last) report.ended = true;
    try {
      await this.api.post(`/api/internal/live-sessions/${encodeURIComponent(this.roomId)}/report`, report);
    } catch (error) {
      const e = error instanceof InternalApiError ? error : new InternalApiError(String(error), undefined);
      if (e.retryable) {
        this.failures++;
        this.retryAt = Date.now() + backoffMs(this.failures, this.options.intervalMs, MAX_BACKOFF_MS);
        this.logger.warn(
          `room ${this.roomId}: report failed (${e.message}); keeping ${this.book.pendingCount} ` +
            `interval(s), attempt ${this.failures + 1} in ${this.retryAt - Date.now()} ms`,
        );
        this.logDropped();
        return false;
      }
      // a 4xx will not change by asking again (unknown session, bad secret): drop, do not loop
      this.logger.error(
        `room ${this.roomId}: report refused (${e.message}); ${report.attendance.length} interval(s) dropped`,
      );
    }
    this.failures = 0;
    this.retryAt = 0;
    this.book.acknowledge(upToSeq);
    if (last) this.endedToSend = false;
    return true;
  }

  private logDropped(): void {
    if (this.book.dropped === this.droppedLogged) return;
    this.logger.error(
      `room ${this.roomId}: ${this.book.dropped - this.droppedLogged} undelivered interval(s) dropped (memory bound)`,
    );
    this.droppedLogged = this.book.dropped;
  }
}
