import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '@app/config';
import { DomainEventBus } from '@app/database';
import { INTERNAL_SECRET_HEADER } from '@app/identity';
import type { LiveSessionEnded, LiveSessionStarted } from '@app/live';

const TIMEOUT_MS = 3000;

/**
 * Tells the media server, after commit, that a live session went live or ended, so its recorder
 * starts with the session's live time (not with the studio preview) and stops at its end. The call
 * carries no state: the media server asks the api where the session stands
 * (`GET /api/internal/live-sessions/:id/state`), and asks every few seconds by itself too, so a
 * call lost here (media restarting, a network blip) delays a recording by those seconds and never
 * loses it. One try, logged when it fails.
 */
@Injectable()
export class MediaRoomNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MediaRoomNotifier');
  private readonly off: Array<() => void> = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly events: DomainEventBus,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  onModuleInit(): void {
    const changed = (e: { sessionId: string }): void => {
      const call: Promise<void> = this.sessionChanged(e.sessionId).finally(() => this.inFlight.delete(call));
      this.inFlight.add(call);
    };
    this.off.push(
      this.events.on<LiveSessionStarted>('LiveSessionStarted', changed),
      this.events.on<LiveSessionEnded>('LiveSessionEnded', changed),
    );
  }

  async onModuleDestroy(): Promise<void> {
    for (const off of this.off) off();
    this.closing.abort();
    await Promise.all(this.inFlight);
  }

  /** `POST /internal/rooms/:id/session-changed` on the media server. Never rejects. */
  async sessionChanged(sessionId: string): Promise<void> {
    const url = new URL(
      `/internal/rooms/${encodeURIComponent(sessionId)}/session-changed`,
      this.cfg.mediaInternalUrl,
    );
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { [INTERNAL_SECRET_HEADER]: this.cfg.internalSecret },
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), this.closing.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`answered ${res.status}`);
    } catch (error) {
      this.logger.warn(
        `session ${sessionId}: the media server was not told it changed (${describe(error)}); ` +
          'its recorder finds out when it next asks',
      );
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string } }).cause;
  return cause?.code ?? error.message;
}
