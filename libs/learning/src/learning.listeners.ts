import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@app/database';
import { CertificateIssuer } from './certificate/certificate-issuer';
import { LearningProgressChanged } from './learning.events';
import { HoursLedgerService } from './progress/hours-ledger.service';
import type { LiveSessionEndedEvent } from './progress/live-read-model';

/**
 * Reacts to committed events: progress → evaluate certificates; a live session ended → credit its
 * live-class attendance. Failures are logged, never thrown into the publisher; `evaluate` is
 * idempotent, so the on-demand endpoint repairs anything an event missed.
 */
@Injectable()
export class LearningListeners implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LearningListeners.name);
  private readonly off: Array<() => void> = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly bus: DomainEventBus,
    private readonly issuer: CertificateIssuer,
    private readonly ledger: HoursLedgerService,
  ) {}

  onModuleInit(): void {
    this.off.push(
      this.bus.on<LearningProgressChanged>('LearningProgressChanged', (e) =>
        this.track(`evaluate ${e.enrollmentId}`, this.issuer.evaluate(e.enrollmentId)),
      ),
      // libs/live publishes this; learning knows it by name only (live sits above learning)
      this.bus.on<LiveSessionEndedEvent>('LiveSessionEnded', (e) =>
        this.track(`live class ${e.sessionId}`, this.ledger.syncSession(e.sessionId)),
      ),
    );
  }

  /** Lets in-flight evaluations finish before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    this.off.forEach((f) => f());
    await Promise.allSettled([...this.running]);
  }

  private track(what: string, work: Promise<unknown>): void {
    const p = work.catch((e: unknown) =>
      this.logger.error(`${what} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }
}
