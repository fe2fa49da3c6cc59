import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '@app/config';
import { Batcher, TransactionScope, UnitOfWork } from '@app/database';
import { commerceEvents } from '../shared/events';
import { Draft, totalOf } from './order-draft';

/** What became of one draft; `placed` carries the units left in each line's pool right after it. */
export type Placement =
  | { outcome: 'placed'; createdAt: Date; expiresAt: Date | null; available: number[] }
  | { outcome: 'replayed' | 'out_of_stock' | 'limit_exceeded' }
  | { outcome: 'failed'; error: unknown };

interface PlacementRow {
  ord: number;
  outcome: 'placed' | 'replayed' | 'out_of_stock' | 'limit_exceeded';
  order_created_at: Date | null;
  order_expires_at: Date | null;
  available: number[] | null;
}

/**
 * Group commit for order placement: drafts that arrive while earlier ones are being written go to
 * PostgreSQL together, as ONE statement (`commerce_place_orders`, see its migration) that gives
 * every draft its own outcome: its idempotency key, stock and per-buyer limit are checked one draft
 * after another, so a batch decides exactly as the same orders placed one by one would. The batch
 * is one transaction: its events are published after it committed. A batch that fails as a whole
 * (a constraint, a lost connection) is retried draft by draft, so one bad order never fails others.
 */
@Injectable()
export class OrderCommitter {
  /**
   * Two batches in flight: one holding the hot pool's slot locks while the next is already on its
   * way; more would only queue on those locks. A few hundred drafts keep one statement short.
   */
  private readonly batches = new Batcher<Draft, Placement>((drafts) => this.commitBatch(drafts), {
    maxBatch: 256,
    maxInFlight: 2,
  });

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  commit(draft: Draft): Promise<Placement> {
    return this.batches.submit(draft);
  }

  private async commitBatch(drafts: Draft[]): Promise<Placement[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.uow.run((scope) => this.write(scope, drafts));
      } catch (e) {
        // a deadlock victim rolled back completely, so running it again is safe
        if (isDeadlock(e) && attempt < 3) continue;
        if (drafts.length === 1) return [{ outcome: 'failed', error: e }];
        return (await Promise.all(drafts.map((d) => this.commitBatch([d])))).flat();
      }
    }
  }

  private async write(scope: TransactionScope, drafts: Draft[]): Promise<Placement[]> {
    const rows = (await scope.em.query('SELECT * FROM commerce_place_orders($1::jsonb, $2)', [
      JSON.stringify(drafts.map(toArgument)),
      this.cfg.commerce.paymentTimeoutSeconds,
    ])) as PlacementRow[];
    const out = new Array<Placement>(drafts.length);
    for (const r of rows) {
      const d = drafts[r.ord - 1];
      if (r.outcome !== 'placed') {
        out[r.ord - 1] = { outcome: r.outcome };
        continue;
      }
      const available = r.available ?? [];
      announce(scope, d, available);
      out[r.ord - 1] = {
        outcome: 'placed',
        createdAt: r.order_created_at!,
        expiresAt: r.order_expires_at,
        available,
      };
    }
    return out;
  }
}

/** The draft as `commerce_place_orders` reads it. */
function toArgument(d: Draft): Record<string, unknown> {
  return {
    id: d.id,
    buyerId: d.buyerId,
    shopId: d.shopId,
    status: d.status,
    paymentMethod: d.paymentMethod,
    totalMinor: totalOf(d),
    currency: d.currency,
    flashSaleId: d.flashSale?.id ?? null,
    liveSessionId: d.flashSale?.liveSessionId ?? null,
    perBuyerLimit: d.flashSale?.perBuyerLimit ?? null,
    shipTo: d.shipTo,
    key: d.key,
    hash: d.hash,
    lines: d.lines.map((l) => ({
      variantId: l.variantId,
      productId: l.productId,
      title: l.title,
      label: l.label,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      poolKind: l.pool.kind,
      poolId: l.pool.id,
    })),
  };
}

/** Queued in the batch's transaction, so listeners hear of the order only once it committed. */
function announce({ publish: raw }: TransactionScope, d: Draft, available: number[]): void {
  const publish = commerceEvents(raw);
  const liveSessionId = d.flashSale?.liveSessionId ?? null;
  publish({
    type: 'OrderPlaced',
    orderId: d.id,
    shopId: d.shopId,
    buyerId: d.buyerId,
    totalMinor: totalOf(d),
    currency: d.currency,
    flashSaleId: d.flashSale?.id ?? null,
    liveSessionId,
    quantity: d.lines.reduce((n, l) => n + l.quantity, 0),
  });
  d.lines.forEach((l, i) =>
    publish({
      type: 'StockChanged',
      variantId: l.variantId,
      flashSaleId: l.pool.kind === 'flash_sale' ? l.pool.id : null,
      liveSessionId,
      available: available[i] ?? 0,
    }),
  );
}

function isDeadlock(e: unknown): boolean {
  return (e as { driverError?: { code?: string } }).driverError?.code === '40P01';
}
