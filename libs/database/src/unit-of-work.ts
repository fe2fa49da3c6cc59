import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus, DomainEvent } from './domain-event-bus';

export interface TransactionScope {
  em: EntityManager;
  /** queue an event; it is published only after the transaction commits */
  publish(event: DomainEvent): void;
}

/**
 * Runs a piece of domain work in one transaction and publishes its events after commit, so a
 * listener never sees an event for data that was rolled back (Vendure's event-bus rule).
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  async run<T>(
    work: (scope: TransactionScope) => Promise<T>,
    isolation: 'READ COMMITTED' | 'SERIALIZABLE' = 'READ COMMITTED',
  ): Promise<T> {
    const queued: DomainEvent[] = [];
    const inScope = (em: EntityManager): Promise<T> => work({ em, publish: (e) => queued.push(e) });
    // TypeORM sends an isolation level as a second statement after START TRANSACTION; READ COMMITTED
    // is every connection's default (pinned in dataSourceOptions), so it costs no round trip
    const result = await (isolation === 'READ COMMITTED'
      ? this.dataSource.transaction(inScope)
      : this.dataSource.transaction(isolation, inScope));
    this.publish(queued);
    return result;
  }

  /**
   * Work that is exactly ONE statement (a function that does all the writing, as order placement
   * does): PostgreSQL runs a lone statement as its own transaction, so START TRANSACTION and
   * COMMIT would be two more round trips for nothing. The events go out once it returned, that is
   * committed. Anything issuing more than one statement belongs in `run`.
   */
  async runStatement<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const queued: DomainEvent[] = [];
    const result = await work({ em: this.dataSource.manager, publish: (e) => queued.push(e) });
    this.publish(queued);
    return result;
  }

  private publish(events: DomainEvent[]): void {
    for (const event of events) {
      try {
        this.events.emit(event);
      } catch (e) {
        this.logger.error(`listener failed for ${event.type}: ${String(e)}`);
      }
    }
  }
}
