import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '@app/config';
import { UnitOfWork } from '@app/database';
import { FlashSaleService } from '../flash-sale/flash-sale.service';
import { Order } from './order.entity';
import { OrderService } from './order.service';

const BATCH = 100;

/**
 * Cancels unpaid orders whose time ran out (giving their stock back) and ends flash sales whose
 * time is up. Every api node runs it: SKIP LOCKED hands each row to exactly one of them, and a row
 * a buyer is paying for right now is simply left for the next round.
 */
@Injectable()
export class OrderSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: OrderService,
    private readonly flashSales: FlashSaleService,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.cfg.commerce.sweepIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One full sweep; tests call it directly. Returns the number of orders expired. */
  async sweep(): Promise<number> {
    let expired = 0;
    for (;;) {
      const n = await this.expireBatch();
      expired += n;
      if (n < BATCH) break;
    }
    while ((await this.flashSales.sweepEnded()) > 0);
    return expired;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .catch((e: unknown) => this.logger.error(`sweep failed: ${String(e)}`))
      .finally(() => (this.running = null));
  }

  private expireBatch(): Promise<number> {
    return this.uow.run(async (scope) => {
      const rows = (await scope.em.query(
        `SELECT id FROM orders WHERE status = 'pending_payment' AND expires_at < now()
          ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      )) as { id: string }[];
      for (const { id } of rows) {
        const order = await scope.em.findOneOrFail(Order, { where: { id } });
        await this.orders.applyTransition(scope, order, 'cancelled', 'system', null, 'payment time ran out');
      }
      return rows.length;
    });
  }
}
