import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import {
  FlashSaleEnded,
  LIVE_ROOM_NAMESPACE,
  liveHostRoomName,
  liveRoomName,
  LiveRoomServerEvents,
  OrderPlaced,
  PurchaseTickerItem,
  StockChanged,
  userRoomName,
} from '@app/contracts';
import { DomainEventBus } from '@app/database';
import { LiveSalesService } from '@app/live';
import type { LiveProductPinned, LiveProductUnpinned, NoticeCreated } from '@app/live';
import { LatestByKey } from './latest-by-key';

/** How often stock, orders and the ticker go out: at most 4 stock messages a second per product. */
export const SELLING_FLUSH_MS = 250;
/** The ticker is a sample: a room sees at most this many purchases per flush. */
const TICKER_PER_FLUSH = 3;
/** Orders waiting for the next flush; beyond this the oldest are dropped from the feed (logged). */
const MAX_PENDING_ORDERS = 20_000;

type Room = { kind: 'session' | 'host' | 'user'; id: string };
const roomName = (r: Room): string =>
  r.kind === 'session' ? liveRoomName(r.id) : r.kind === 'host' ? liveHostRoomName(r.id) : userRoomName(r.id);

/**
 * The selling side of the live room: committed commerce and live events → room messages. Stock
 * changes are coalesced per node (latest value per product wins) and sent with the orders of the
 * same interval, so a sell-out burst costs a few messages a second, not one per purchase.
 */
@Injectable()
@WebSocketGateway({ namespace: LIVE_ROOM_NAMESPACE })
export class LiveSellingNotifier implements OnModuleInit, OnModuleDestroy {
  @WebSocketServer()
  private readonly nsp: Namespace;
  private readonly logger = new Logger(LiveSellingNotifier.name);
  private readonly off: Array<() => void> = [];
  private readonly stock = new LatestByKey<StockChanged>();
  private placed: OrderPlaced[] = [];
  private ended: FlashSaleEnded[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly events: DomainEventBus,
    private readonly sales: LiveSalesService,
  ) {}

  private emit<E extends keyof LiveRoomServerEvents>(
    room: Room,
    event: E,
    ...args: Parameters<LiveRoomServerEvents[E]>
  ): void {
    this.nsp?.to(roomName(room)).emit(event, ...args);
  }

  onModuleInit(): void {
    this.off.push(
      this.events.on<StockChanged>('StockChanged', (e) =>
        this.stock.put(`${e.variantId}:${e.flashSaleId ?? ''}`, e),
      ),
      this.events.on<OrderPlaced>('OrderPlaced', (e) => {
        if (this.placed.length >= MAX_PENDING_ORDERS) {
          this.placed.shift();
          this.logger.warn('order feed is behind; dropped the oldest pending order message');
        }
        this.placed.push(e);
      }),
      this.events.on<FlashSaleEnded>('FlashSaleEnded', (e) => {
        if (e.liveSessionId) this.ended.push(e);
      }),
      this.events.on<LiveProductPinned>('LiveProductPinned', (e) =>
        this.emit({ kind: 'session', id: e.card.sessionId }, 'productPinned', e.card),
      ),
      this.events.on<LiveProductUnpinned>('LiveProductUnpinned', (e) =>
        this.emit({ kind: 'session', id: e.sessionId }, 'productUnpinned', { sessionId: e.sessionId }),
      ),
      this.events.on<NoticeCreated>('NoticeCreated', (e) =>
        this.emit({ kind: 'user', id: e.userId }, 'notice', e.notice),
      ),
    );
    this.timer = setInterval(() => this.tick(), SELLING_FLUSH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.off) off();
    await this.flushing;
  }

  /** One flush at a time: a slow database makes the interval longer, never the pile taller. */
  private tick(): void {
    if (this.flushing) return;
    this.flushing = this.flush()
      .catch((e: unknown) => this.logger.warn(`selling messages not sent: ${String(e)}`))
      .finally(() => (this.flushing = null));
  }

  private async flush(): Promise<void> {
    const stock = this.stock.drain();
    const placed = this.placed;
    const ended = this.ended;
    this.placed = [];
    this.ended = [];
    for (const s of await this.sales.stockFeed(stock))
      this.emit({ kind: 'session', id: s.sessionId }, 'stockChanged', s);
    // after the stock, so the last "0 left" lands before "sold out"
    for (const e of ended) {
      const { flashSaleId, variantId, reason } = e;
      const sessionId = e.liveSessionId!;
      this.emit({ kind: 'session', id: sessionId }, 'flashSaleEnded', {
        sessionId,
        flashSaleId,
        variantId,
        reason,
      });
    }
    const feed = await this.sales.orderFeed(placed);
    for (const o of feed.host) this.emit({ kind: 'host', id: o.sessionId }, 'orderReceived', o);
    for (const item of sample(feed.ticker))
      this.emit({ kind: 'session', id: item.sessionId }, 'purchaseTicker', item);
  }
}

/** The latest few purchases of each room. */
function sample(ticker: PurchaseTickerItem[]): PurchaseTickerItem[] {
  const bySession = new Map<string, PurchaseTickerItem[]>();
  for (const item of ticker) bySession.set(item.sessionId, [...(bySession.get(item.sessionId) ?? []), item]);
  return [...bySession.values()].flatMap((items) => items.slice(-TICKER_PER_FLUSH));
}
