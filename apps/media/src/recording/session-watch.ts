import type { LoggerService } from '@nestjs/common';
import type { LiveSessionStateResponse, LiveSessionStatus } from '@app/contracts';

/** What a recorder knows of its session: nothing yet, not live yet, live, over (ended or cancelled). */
export type SessionPhase = 'unknown' | 'before' | 'live' | 'over';

const PHASE_ORDER: readonly SessionPhase[] = ['unknown', 'before', 'live', 'over'];

export function sessionPhase(status: LiveSessionStatus): SessionPhase {
  switch (status) {
    case 'scheduled':
      return 'before';
    case 'live':
      return 'live';
    case 'ended':
    case 'cancelled':
      return 'over';
  }
}

export interface SessionWatchOptions {
  /** asks the api (`GET /api/internal/live-sessions/:id/state`) */
  read(signal: AbortSignal): Promise<LiveSessionStateResponse>;
  intervalMs: number;
  /** called once per phase reached, in order (a phase may be skipped: `before` → `over`) */
  onPhase(phase: SessionPhase, state: LiveSessionStateResponse): void;
  logger: LoggerService;
  /** names the room in the logs */
  label: string;
}

/**
 * Where one live session stands, as the api says (it alone knows). Asked when the watch starts,
 * whenever the api says the session changed (`check`), and every `intervalMs` until it is over, so
 * a call from the api that never came (lost, or this server restarted since) costs at most one
 * interval. Phases only move forward: an answer that left the api before the session went live
 * cannot take it back to `before`. One question at a time; a `check` while one is out asks again
 * once it is answered (that answer may predate the change).
 */
export class SessionWatch {
  private current: SessionPhase = 'unknown';
  private timer: NodeJS.Timeout | undefined;
  private asking = false;
  private askAgain = false;
  private failing = false;
  private readonly closed = new AbortController();

  constructor(private readonly o: SessionWatchOptions) {}

  get phase(): SessionPhase {
    return this.current;
  }

  start(): void {
    if (this.timer || this.closed.signal.aborted) return;
    this.timer = setInterval(() => this.check(), this.o.intervalMs);
    this.check();
  }

  /** Ask now (the api said the session changed). */
  check(): void {
    if (this.closed.signal.aborted || this.current === 'over') return;
    if (this.asking) {
      this.askAgain = true;
      return;
    }
    this.asking = true;
    void this.ask().finally(() => {
      this.asking = false;
      if (!this.askAgain) return;
      this.askAgain = false;
      this.check();
    });
  }

  /** Idempotent: no more questions, no more phases. */
  close(): void {
    this.closed.abort();
    clearInterval(this.timer);
  }

  /** Never rejects. */
  private async ask(): Promise<void> {
    let state: LiveSessionStateResponse;
    try {
      state = await this.o.read(this.closed.signal);
    } catch (error) {
      if (this.closed.signal.aborted) return;
      // once per outage, not every interval
      if (!this.failing)
        this.o.logger.warn(
          `${this.o.label}: could not ask the api whether the session is live (${String(error)}); ` +
            `asking again every ${this.o.intervalMs} ms`,
        );
      this.failing = true;
      return;
    }
    if (this.failing) this.o.logger.log(`${this.o.label}: the api answers again`);
    this.failing = false;
    if (this.closed.signal.aborted) return;
    const next = sessionPhase(state.status);
    if (PHASE_ORDER.indexOf(next) <= PHASE_ORDER.indexOf(this.current)) return;
    this.current = next;
    if (next === 'over') clearInterval(this.timer);
    this.o.onPhase(next, state);
  }
}
