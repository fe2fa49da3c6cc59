import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, FlashSaleEndReason, FlashSaleView } from '@app/contracts';
import { TransactionScope, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { CreateFlashSaleDto } from '../dto/order.dto';
import { InventoryService } from '../inventory/inventory.service';
import { ProductVariant } from '../product/product-variant.entity';
import { Product } from '../product/product.entity';
import { requireOwnShop } from '../shop/shop.access';
import { commerceEvents } from '../shared/events';
import { FlashSale } from './flash-sale.entity';

const notFound = (): DomainError => new DomainError('NOT_FOUND', 'No such flash sale.');

/**
 * Flash sales: created by the shop's owner, carving their quantity out of the variant's stock;
 * ended when time is up, giving back what is left, or by the order that takes the last unit (in
 * `commerce_place_orders`, the same transaction as that order). The live lib links them to a
 * sale session (it may read `liveSessionId`; this lib never imports live).
 */
@Injectable()
export class FlashSaleService {
  private readonly logger = new Logger(FlashSaleService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly inventory: InventoryService,
  ) {}

  async create(actor: Actor, dto: CreateFlashSaleDto): Promise<FlashSaleView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) {
      const message = 'A flash sale must end after it starts.';
      throw new DomainError('VALIDATION_FAILED', message, [
        { field: 'endsAt', reason: 'afterStart', message },
      ]);
    }
    if (endsAt.getTime() <= Date.now()) {
      const message = 'This flash sale would already be over.';
      throw new DomainError('VALIDATION_FAILED', message, [{ field: 'endsAt', reason: 'future', message }]);
    }
    return this.uow.run(async ({ em, publish: raw }) => {
      const publish = commerceEvents(raw);
      const variant = await em.findOne(ProductVariant, { where: { id: dto.variantId } });
      const product = variant && (await em.findOne(Product, { where: { id: variant.productId } }));
      if (!variant || !product) throw new DomainError('NOT_FOUND', 'No such product variant.');
      await requireOwnShop(em, actor, product.shopId);
      if (dto.liveSessionId) await this.checkSession(em, actor, dto.liveSessionId);
      const sale = await em.save(
        em.create(FlashSale, {
          shopId: product.shopId,
          variantId: variant.id,
          liveSessionId: dto.liveSessionId ?? null,
          priceMinor: dto.priceMinor,
          currency: variant.currency,
          quantity: dto.quantity,
          perBuyerLimit: dto.perBuyerLimit,
          startsAt,
          endsAt,
        }),
      );
      // the units come off the shelf now, so the shelf and the sale never sell the same bag twice
      const shelf = await this.inventory.reserve(em, { kind: 'variant', id: variant.id }, dto.quantity);
      await this.inventory.stock(em, { kind: 'flash_sale', id: sale.id }, dto.quantity);
      publish({
        type: 'StockChanged',
        variantId: variant.id,
        flashSaleId: null,
        liveSessionId: null,
        available: shelf,
      });
      return toView(sale, dto.quantity);
    });
  }

  async get(id: string): Promise<FlashSaleView> {
    return this.uow.run(async ({ em }) => {
      const sale = await em.findOne(FlashSale, { where: { id } });
      if (!sale) throw notFound();
      const available = (await this.inventory.available(em, 'flash_sale', [id])).get(id) ?? 0;
      return toView(sale, available);
    });
  }

  /** Ends the sales whose time is up; safe on several nodes at once (SKIP LOCKED). */
  async sweepEnded(): Promise<number> {
    return this.uow.run(async (scope) => {
      const ids = (await scope.em.query(
        `SELECT id FROM flash_sales WHERE ended_at IS NULL AND ends_at <= now() ORDER BY ends_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
      )) as { id: string }[];
      for (const { id } of ids) {
        const sale = await scope.em.findOneOrFail(FlashSale, { where: { id } });
        await this.end(scope, sale, 'time_up');
      }
      return ids.length;
    });
  }

  /** The sale row is locked by the caller; what is left goes back to the shelf. */
  private async end(
    { em, publish: raw }: TransactionScope,
    sale: FlashSale,
    reason: FlashSaleEndReason,
  ): Promise<void> {
    const publish = commerceEvents(raw);
    const left = await this.inventory.drain(em, { kind: 'flash_sale', id: sale.id });
    await em.update(FlashSale, { id: sale.id }, { endedAt: new Date(), endReason: reason });
    const base = { variantId: sale.variantId, liveSessionId: sale.liveSessionId };
    publish({ type: 'FlashSaleEnded', flashSaleId: sale.id, reason, ...base });
    if (left > 0) {
      const shelf = await this.inventory.release(em, { kind: 'variant', id: sale.variantId }, left);
      publish({
        type: 'StockChanged',
        variantId: sale.variantId,
        flashSaleId: null,
        liveSessionId: null,
        available: shelf,
      });
    }
    this.logger.log(`flash sale ${sale.id} ended (${reason}), ${left} unsold units back on the shelf`);
  }

  /** The linked live session must be a sale of this anchor (read by table: live sits above commerce). */
  private async checkSession(em: EntityManager, actor: Actor, sessionId: string): Promise<void> {
    const [s] = (await em.query('SELECT kind, host_id FROM live_sessions WHERE id = $1', [sessionId])) as {
      kind: string;
      host_id: string;
    }[];
    if (!s || s.host_id !== actor.id) throw new DomainError('NOT_FOUND', 'No such live session of yours.');
    if (s.kind !== 'sale')
      throw new DomainError('VALIDATION_FAILED', 'Flash sales belong to sale sessions, not classes.');
  }
}

/** The sale exists and is running now (order placement reads sales in batches and checks them here). */
export function assertSaleOpen<S extends Pick<FlashSale, 'startsAt' | 'endsAt' | 'endedAt'>>(
  sale: S | null | undefined,
): asserts sale is S {
  if (!sale) throw notFound();
  const now = Date.now();
  if (sale.endedAt || now >= sale.endsAt.getTime())
    throw new DomainError('FLASH_SALE_NOT_ACTIVE', 'This flash sale is over.');
  if (now < sale.startsAt.getTime())
    throw new DomainError('FLASH_SALE_NOT_ACTIVE', 'This flash sale has not started yet.');
}

function toView(s: FlashSale, available: number): FlashSaleView {
  return {
    id: s.id,
    shopId: s.shopId,
    variantId: s.variantId,
    liveSessionId: s.liveSessionId,
    priceMinor: s.priceMinor,
    currency: s.currency,
    quantity: s.quantity,
    available,
    perBuyerLimit: s.perBuyerLimit,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    endedAt: s.endedAt ? s.endedAt.toISOString() : null,
    endReason: s.endReason,
  };
}
