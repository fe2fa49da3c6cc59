import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import {
  DomainError,
  LiveOrderSummary,
  LiveSalesStats,
  LiveStockChanged,
  OrderPlaced,
  PurchaseTickerItem,
  StockChanged,
} from '@app/contracts';
import { InventoryService, OrderReadModel, ProductVariant, Shop } from '@app/commerce';
import { Actor } from '@app/identity';
import { LiveSession } from '../live-session/live-session.entity';
import { maskBuyerName } from './buyer-mask';
import { LivePin } from './live-pin.entity';

/** What the room and the host are told about a batch of committed orders. */
export interface OrderFeed {
  host: LiveOrderSummary[];
  ticker: PurchaseTickerItem[];
}

/**
 * Which orders belong to a stream, and what they add up to. An order belongs to a live session
 * when commerce tied it there (a flash sale of the session), or when it was placed from the
 * host's shop while the host was live selling: the one-tap buy from the stream is an ordinary
 * order, so the stream's window is what links it.
 */
@Injectable()
export class LiveSalesService {
  constructor(
    @InjectEntityManager() private readonly reader: EntityManager,
    private readonly orders: OrderReadModel,
    private readonly inventory: InventoryService,
  ) {}

  async stats(actor: Actor, sessionId: string): Promise<LiveSalesStats> {
    const s = await this.reader.findOne(LiveSession, { where: { id: sessionId } });
    if (!s) throw new DomainError('NOT_FOUND', 'No such live session.');
    if (s.hostId !== actor.id && !actor.roles.includes('admin'))
      throw new DomainError('FORBIDDEN', 'Only the host can see the sales of this session.');
    const figures = s.startedAt
      ? await this.orders.figures(this.reader, {
          liveSessionId: s.id,
          shopOwnerId: s.hostId,
          from: s.startedAt,
          to: s.endedAt ?? new Date(),
        })
      : { orders: 0, units: 0, salesMinor: 0, buyers: 0, currency: null };
    const currency = figures.currency ?? (await this.hostCurrency(s.hostId));
    const peak = Math.max(s.peakViewers, s.viewersNow);
    return {
      sessionId: s.id,
      orders: figures.orders,
      units: figures.units,
      salesMinor: figures.salesMinor,
      currency,
      buyers: figures.buyers,
      viewersNow: s.viewersNow,
      peakViewers: peak,
      // everyone who bought from the stream was watching it, whether or not a report counted them yet
      conversion: figures.buyers > 0 ? figures.buyers / Math.max(peak, figures.buyers) : 0,
    };
  }

  /**
   * Stock changes → the rooms that show them (the pinned product's, the flash sale's). The number
   * sent is read again here: an event's own count is a snapshot taken before concurrent orders
   * committed, so the latest event is not always the lowest; one read per flush is the truth.
   */
  async stockFeed(changes: readonly StockChanged[]): Promise<LiveStockChanged[]> {
    if (!changes.length) return [];
    const variantIds = [...new Set(changes.map((c) => c.variantId))];
    const saleIds = [...new Set(changes.flatMap((c) => (c.flashSaleId ? [c.flashSaleId] : [])))];
    const [shelf, sales] = await Promise.all([
      this.inventory.available(this.reader, 'variant', variantIds),
      this.inventory.available(this.reader, 'flash_sale', saleIds),
    ]);
    const variants = await this.reader.find(ProductVariant, {
      where: { id: In(variantIds) },
      select: { id: true, productId: true },
    });
    const productOf = new Map(variants.map((v) => [v.id, v.productId]));
    const productIds = [...new Set(variants.map((v) => v.productId))];
    const pins = productIds.length
      ? await this.reader
          .createQueryBuilder(LivePin, 'p')
          .innerJoin(LiveSession, 's', `s.id = p.session_id AND s.status IN ('scheduled', 'live')`)
          .where('p.product_id IN (:...productIds)', { productIds })
          .getMany()
      : [];
    return changes.flatMap((c) => {
      const productId = productOf.get(c.variantId);
      if (!productId) return [];
      const now = c.flashSaleId ? sales.get(c.flashSaleId) : shelf.get(c.variantId);
      const base = {
        productId,
        variantId: c.variantId,
        flashSaleId: c.flashSaleId,
        available: now ?? c.available,
      };
      // a flash sale's own quantity matters to its session only; shelf stock to every room pinning it
      if (c.flashSaleId) return c.liveSessionId ? [{ sessionId: c.liveSessionId, ...base }] : [];
      return pins.filter((p) => p.productId === productId).map((p) => ({ sessionId: p.sessionId, ...base }));
    });
  }

  /** Placed orders → their live session's host summaries and the room's anonymous ticker. */
  async orderFeed(placed: readonly OrderPlaced[]): Promise<OrderFeed> {
    if (!placed.length) return { host: [], ticker: [] };
    const sessionOf = await this.attribute(placed);
    const ids = placed.filter((e) => sessionOf.has(e.orderId)).map((e) => e.orderId);
    const summaries = await this.orders.summaries(this.reader, ids);
    const feed: OrderFeed = { host: [], ticker: [] };
    for (const o of summaries) {
      const sessionId = sessionOf.get(o.orderId)!;
      const placedAt = o.createdAt.toISOString();
      feed.host.push({
        sessionId,
        orderId: o.orderId,
        buyerName: o.buyerName,
        quantity: o.quantity,
        productTitle: o.productTitle,
        totalMinor: o.totalMinor,
        currency: o.currency,
        flashSaleId: o.flashSaleId,
        placedAt,
      });
      feed.ticker.push({
        sessionId,
        buyer: maskBuyerName(o.buyerName),
        quantity: o.quantity,
        productTitle: o.productTitle,
        at: placedAt,
      });
    }
    return feed;
  }

  /** orderId → live session: tied by commerce, or the shop owner's sale session live right now. */
  private async attribute(placed: readonly OrderPlaced[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const loose = placed.filter((e) => {
      if (e.liveSessionId) out.set(e.orderId, e.liveSessionId);
      return !e.liveSessionId;
    });
    if (!loose.length) return out;
    const shops = await this.reader.find(Shop, {
      where: { id: In([...new Set(loose.map((e) => e.shopId))]) },
      select: { id: true, ownerId: true },
    });
    const live = await this.reader.find(LiveSession, {
      where: { hostId: In([...new Set(shops.map((s) => s.ownerId))]), status: 'live', kind: 'sale' },
      order: { startedAt: 'DESC' },
    });
    const sessionOfOwner = new Map<string, string>();
    for (const s of live) if (!sessionOfOwner.has(s.hostId)) sessionOfOwner.set(s.hostId, s.id);
    const ownerOf = new Map(shops.map((s) => [s.id, s.ownerId]));
    for (const e of loose) {
      const sessionId = sessionOfOwner.get(ownerOf.get(e.shopId) ?? '');
      if (sessionId) out.set(e.orderId, sessionId);
    }
    return out;
  }

  private async hostCurrency(hostId: string): Promise<LiveSalesStats['currency']> {
    const shop = await this.reader.findOne(Shop, { where: { ownerId: hostId }, order: { createdAt: 'ASC' } });
    return shop?.currency ?? 'CNY';
  }
}
