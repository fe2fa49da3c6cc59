import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { API_CONFIG, ApiConfig } from '@app/config';
import {
  AddressRequest,
  Currency,
  DomainError,
  OrderStatus,
  OrderView,
  PaymentMethod,
  ShopKind,
  ShopStatus,
} from '@app/contracts';
import { TransactionScope, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { FlashSaleOrderDto, IDEMPOTENCY_KEY, PlaceOrderDto } from '../dto/order.dto';
import { FlashSaleService } from '../flash-sale/flash-sale.service';
import { InventoryService, StockPool } from '../inventory/inventory.service';
import { providerFor } from '../payment/payment-provider';
import { commerceEvents } from '../shared/events';
import { Order } from './order.entity';
import { orderViews } from './order.views';

interface Line {
  variantId: string;
  productId: string;
  title: string;
  label: string;
  quantity: number;
  unitPriceMinor: number;
  pool: StockPool;
}

/** Everything one order needs, priced by the server, before anything is written. */
interface Draft {
  id: string;
  buyerId: string;
  shopId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  currency: Currency;
  lines: Line[];
  shipTo: AddressRequest;
  key: string;
  hash: string;
  flashSale: { id: string; perBuyerLimit: number; liveSessionId: string | null } | null;
}

interface VariantRow {
  variant_id: string;
  product_id: string;
  title: string;
  label: string;
  price_minor: number;
  currency: Currency;
  shop_id: string;
  shop_kind: ShopKind;
  shop_status: ShopStatus;
}

const VARIANT_COLUMNS = `v.id AS variant_id, p.id AS product_id, p.title, v.label, v.price_minor, v.currency,
  s.id AS shop_id, s.kind AS shop_kind, s.status AS shop_status`;
const VARIANT_JOINS = `product_variants v JOIN products p ON p.id = v.product_id JOIN shops s ON s.id = p.shop_id`;
const VARIANT_SQL = `SELECT ${VARIANT_COLUMNS} FROM ${VARIANT_JOINS}`;

/**
 * Places orders: the server's price, the stock held, the idempotency key honoured, all in one
 * transaction of a few statements. The hot path avoids every round trip it can: reads happen
 * before the transaction, the order, its lines and first history row are one statement, and stock
 * is taken last so its row locks are held only until commit.
 */
@Injectable()
export class OrderPlacementService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectEntityManager() private readonly reader: EntityManager,
    private readonly inventory: InventoryService,
    private readonly flashSales: FlashSaleService,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  async place(actor: Actor, key: string | undefined, dto: PlaceOrderDto): Promise<OrderView> {
    const idemKey = checkKey(key);
    const ids = [...new Set(dto.items.map((i) => i.variantId))];
    if (ids.length !== dto.items.length) throw invalid('items', 'unique', 'Each variant may appear once.');
    const rows = (await this.reader.query(
      `SELECT ${VARIANT_COLUMNS}, a.recipient, a.phone, a.region, a.detail FROM ${VARIANT_JOINS}
        CROSS JOIN LATERAL (SELECT * FROM addresses WHERE id = $2 AND owner_id = $3) a
        WHERE v.id = ANY($1::uuid[])`,
      [ids, dto.addressId, actor.id],
    )) as (VariantRow & AddressRequest)[];
    // one round trip for both: no row at all means the address is not the buyer's, or no variant exists
    const shipTo = rows[0] ? pickAddress(rows[0]) : await this.address(actor, dto.addressId);
    const byId = new Map(rows.map((r) => [r.variant_id, r]));
    const lines = dto.items.map((i) => {
      const r = byId.get(i.variantId);
      if (!r) throw new DomainError('NOT_FOUND', `No such product variant: ${i.variantId}.`);
      return {
        ...lineOf(r, r.price_minor, i.quantity),
        pool: { kind: 'variant' as const, id: r.variant_id },
      };
    });
    const shop = openShop(rows);
    const draft = this.draft(actor, idemKey, shop, dto.paymentMethod, lines, shipTo, null, {
      items: dto.items.map((i) => [i.variantId, i.quantity]),
      addressId: dto.addressId,
      paymentMethod: dto.paymentMethod,
    });
    return this.commit(draft);
  }

  /** Buying from a flash sale: its price, its own quantity, and the per-buyer limit. */
  async placeFlashSale(
    actor: Actor,
    key: string | undefined,
    flashSaleId: string,
    dto: FlashSaleOrderDto,
  ): Promise<OrderView> {
    const idemKey = checkKey(key);
    const [sale, shipTo] = await Promise.all([
      this.flashSales.requireOpen(this.reader, flashSaleId),
      this.address(actor, dto.addressId),
    ]);
    const [row] = (await this.reader.query(`${VARIANT_SQL} WHERE v.id = $1`, [
      sale.variantId,
    ])) as VariantRow[];
    if (dto.quantity > sale.perBuyerLimit) {
      throw new DomainError(
        'PURCHASE_LIMIT_EXCEEDED',
        `At most ${sale.perBuyerLimit} per buyer in this flash sale.`,
      );
    }
    const line = {
      ...lineOf(row, sale.priceMinor, dto.quantity),
      pool: { kind: 'flash_sale', id: sale.id } as const,
    };
    const shop = openShop([row]);
    const flash = { id: sale.id, perBuyerLimit: sale.perBuyerLimit, liveSessionId: sale.liveSessionId };
    const draft = this.draft(actor, idemKey, shop, dto.paymentMethod, [line], shipTo, flash, {
      flashSaleId,
      quantity: dto.quantity,
      addressId: dto.addressId,
      paymentMethod: dto.paymentMethod,
    });
    return this.commit(draft);
  }

  private draft(
    actor: Actor,
    key: string,
    shop: { id: string; kind: ShopKind },
    method: PaymentMethod,
    lines: (Line & { currency: Currency })[],
    shipTo: AddressRequest,
    flashSale: Draft['flashSale'],
    request: unknown,
  ): Draft {
    const provider = providerFor(method, shop.kind);
    const currencies = new Set(lines.map((l) => l.currency));
    if (currencies.size !== 1)
      throw invalid('items', 'currency', 'All items of an order must share one currency.');
    return {
      id: randomUUID(),
      buyerId: actor.id,
      shopId: shop.id,
      status: provider.initialStatus,
      paymentMethod: method,
      currency: lines[0].currency,
      lines: lines.map(({ currency: _c, ...l }) => l).sort((a, b) => a.pool.id.localeCompare(b.pool.id)),
      shipTo,
      key,
      hash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
      flashSale,
    };
  }

  /**
   * Near sell-out, buyers lock slots in slot order, but a slot whose recheck failed stays locked
   * out of order, so PostgreSQL may (rarely) pick a deadlock victim; its work rolled back
   * completely, so running it again is safe.
   */
  private async commit(d: Draft): Promise<OrderView> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitOnce(d);
      } catch (e) {
        if (attempt >= 3 || !isDeadlock(e)) throw e;
      }
    }
  }

  private async commitOnce(d: Draft): Promise<OrderView> {
    const placed = await this.uow.run(async (scope) => {
      const created = await this.insertOrder(scope.em, d);
      if (!created) return null;
      if (d.flashSale) await this.holdBuyerLimit(scope.em, d);
      const available = new Map<string, number>();
      for (const l of d.lines)
        available.set(l.pool.id, await this.inventory.reserve(scope.em, l.pool, l.quantity));
      this.announce(scope, d, available);
      return { created, available };
    });
    if (!placed) return this.replay(d);
    if (d.flashSale && placed.available.get(d.flashSale.id) === 0)
      await this.flashSales.endIfSoldOut(d.flashSale.id);
    return draftView(d, placed.created);
  }

  /** One statement: the order, its lines and its first history row; nothing when the key was used. */
  private async insertOrder(
    em: EntityManager,
    d: Draft,
  ): Promise<{ createdAt: Date; expiresAt: Date | null } | null> {
    const total = d.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
    const rows = (await em.query(
      `WITH o AS (
         INSERT INTO orders (id, buyer_id, shop_id, status, payment_method, total_minor, currency, flash_sale_id,
                             live_session_id, ship_to, idempotency_key, request_hash, expires_at)
         VALUES ($1, $2, $3, $4::varchar, $5, $6, $7, $8, $9, $10, $11, $12,
                 CASE WHEN $4::varchar = 'pending_payment' THEN now() + make_interval(secs => $13) END)
         ON CONFLICT (buyer_id, idempotency_key) DO NOTHING
         RETURNING id, created_at, expires_at),
       i AS (
         INSERT INTO order_items (order_id, variant_id, product_id, title, label, quantity, unit_price_minor)
         SELECT o.id, l.* FROM o, unnest($14::uuid[], $15::uuid[], $16::varchar[], $17::varchar[], $18::int[], $19::int[]) AS l),
       h AS (
         INSERT INTO order_history (order_id, from_status, to_status, actor_id, reason)
         SELECT o.id, NULL, $4::varchar, $2, 'placed' FROM o)
       SELECT created_at, expires_at FROM o`,
      [
        d.id,
        d.buyerId,
        d.shopId,
        d.status,
        d.paymentMethod,
        total,
        d.currency,
        d.flashSale?.id ?? null,
        d.flashSale?.liveSessionId ?? null,
        JSON.stringify(d.shipTo),
        d.key,
        d.hash,
        this.cfg.commerce.paymentTimeoutSeconds,
        d.lines.map((l) => l.variantId),
        d.lines.map((l) => l.productId),
        d.lines.map((l) => l.title),
        d.lines.map((l) => l.label),
        d.lines.map((l) => l.quantity),
        d.lines.map((l) => l.unitPriceMinor),
      ],
    )) as { created_at: Date; expires_at: Date | null }[];
    return rows[0] ? { createdAt: rows[0].created_at, expiresAt: rows[0].expires_at } : null;
  }

  /** One row per (flash sale, buyer), raised only while it stays within the limit. */
  private async holdBuyerLimit(em: EntityManager, d: Draft): Promise<void> {
    const sale = d.flashSale!;
    const rows = (await em.query(
      `INSERT INTO flash_sale_buyers (flash_sale_id, buyer_id, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (flash_sale_id, buyer_id) DO UPDATE SET quantity = flash_sale_buyers.quantity + EXCLUDED.quantity
       WHERE flash_sale_buyers.quantity + EXCLUDED.quantity <= $4 RETURNING quantity`,
      [sale.id, d.buyerId, d.lines[0].quantity, sale.perBuyerLimit],
    )) as unknown[];
    if (!rows.length) {
      throw new DomainError(
        'PURCHASE_LIMIT_EXCEEDED',
        `At most ${sale.perBuyerLimit} per buyer in this flash sale.`,
      );
    }
  }

  private announce({ publish: raw }: TransactionScope, d: Draft, available: Map<string, number>): void {
    const publish = commerceEvents(raw);
    const totalMinor = d.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
    const liveSessionId = d.flashSale?.liveSessionId ?? null;
    publish({
      type: 'OrderPlaced',
      orderId: d.id,
      shopId: d.shopId,
      buyerId: d.buyerId,
      totalMinor,
      currency: d.currency,
      flashSaleId: d.flashSale?.id ?? null,
      liveSessionId,
      quantity: d.lines.reduce((n, l) => n + l.quantity, 0),
    });
    for (const l of d.lines) {
      const flashSaleId = l.pool.kind === 'flash_sale' ? l.pool.id : null;
      publish({
        type: 'StockChanged',
        variantId: l.variantId,
        flashSaleId,
        liveSessionId,
        available: available.get(l.pool.id) ?? 0,
      });
    }
  }

  /** The key was used before by this buyer: the same request gets the same order back. */
  private async replay(d: Draft): Promise<OrderView> {
    const order = await this.reader.findOne(Order, { where: { buyerId: d.buyerId, idempotencyKey: d.key } });
    if (!order)
      throw new DomainError('CONFLICT', 'The earlier request with this Idempotency-Key is gone; retry.');
    if (order.requestHash !== d.hash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different order; use a new key.',
      );
    }
    return (await orderViews(this.reader, [order]))[0];
  }

  private async address(actor: Actor, id: string): Promise<AddressRequest> {
    const [row] = (await this.reader.query(
      'SELECT recipient, phone, region, detail FROM addresses WHERE id = $1 AND owner_id = $2',
      [id, actor.id],
    )) as AddressRequest[];
    if (!row) throw new DomainError('NOT_FOUND', 'No such address.');
    return row;
  }
}

function isDeadlock(e: unknown): boolean {
  return (e as { driverError?: { code?: string } }).driverError?.code === '40P01';
}

function pickAddress(r: AddressRequest): AddressRequest {
  return { recipient: r.recipient, phone: r.phone, region: r.region, detail: r.detail };
}

function checkKey(key: string | undefined): string {
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw invalid(
      'Idempotency-Key',
      'idempotencyKey',
      'Send an Idempotency-Key header of 8-64 letters, digits, - or _.',
    );
  }
  return key;
}

function invalid(field: string, reason: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [{ field, reason, message }]);
}

function lineOf(
  r: VariantRow,
  unitPriceMinor: number,
  quantity: number,
): Omit<Line, 'pool'> & { currency: Currency } {
  return {
    variantId: r.variant_id,
    productId: r.product_id,
    title: r.title,
    label: r.label,
    quantity,
    unitPriceMinor,
    currency: r.currency,
  };
}

function openShop(rows: VariantRow[]): { id: string; kind: ShopKind } {
  const shops = new Set(rows.map((r) => r.shop_id));
  if (shops.size !== 1)
    throw invalid('items', 'oneShop', 'An order holds products of one shop; place one order per shop.');
  if (rows[0].shop_status !== 'open') throw new DomainError('SHOP_NOT_OPEN', 'This shop is not open yet.');
  return { id: rows[0].shop_id, kind: rows[0].shop_kind };
}

function draftView(d: Draft, created: { createdAt: Date; expiresAt: Date | null }): OrderView {
  return {
    id: d.id,
    shopId: d.shopId,
    buyerId: d.buyerId,
    status: d.status,
    paymentMethod: d.paymentMethod,
    totalMinor: d.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0),
    currency: d.currency,
    flashSaleId: d.flashSale?.id ?? null,
    items: d.lines.map(({ pool: _p, ...l }) => l),
    shipTo: d.shipTo,
    shipment: null,
    expiresAt: created.expiresAt ? new Date(created.expiresAt).toISOString() : null,
    createdAt: new Date(created.createdAt).toISOString(),
  };
}
