import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { hash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AddressRequest, Currency, DomainError, OrderView, PaymentMethod, ShopKind } from '@app/contracts';
import { Actor } from '@app/identity';
import { FlashSaleOrderDto, IDEMPOTENCY_KEY, PlaceOrderDto } from '../dto/order.dto';
import { assertSaleOpen } from '../flash-sale/flash-sale.service';
import { providerFor } from '../payment/payment-provider';
import { OrderCommitter, Placement } from './order-committer.service';
import { Draft, Line, totalOf } from './order-draft';
import { Order } from './order.entity';
import { orderViews } from './order.views';
import { PlacementReads, VariantFacts } from './placement-reads';

/**
 * Places orders: the server's price, the stock held, the idempotency key honoured. Reads happen
 * before anything is written; both the reads and the writing (order, lines, first history row,
 * stock, per-buyer limit) are statements shared with the orders placed at the same moment
 * (PlacementReads, OrderCommitter), each order still decided on its own.
 */
@Injectable()
export class OrderPlacementService {
  constructor(
    @InjectEntityManager() private readonly reader: EntityManager,
    private readonly reads: PlacementReads,
    private readonly committer: OrderCommitter,
  ) {}

  async place(actor: Actor, key: string | undefined, dto: PlaceOrderDto): Promise<OrderView> {
    const idemKey = checkKey(key);
    const ids = [...new Set(dto.items.map((i) => i.variantId))];
    if (ids.length !== dto.items.length) throw invalid('items', 'unique', 'Each variant may appear once.');
    const facts = await this.reads.read({
      buyerId: actor.id,
      addressId: dto.addressId,
      variantIds: ids,
      flashSaleId: null,
    });
    const shipTo = requireAddress(facts.address);
    const variants = dto.items.map((i) => {
      const v = facts.variants.get(i.variantId);
      if (!v) throw new DomainError('NOT_FOUND', `No such product variant: ${i.variantId}.`);
      return v;
    });
    const lines = dto.items.map((i, n) => ({
      ...lineOf(variants[n], variants[n].priceMinor, i.quantity),
      pool: { kind: 'variant' as const, id: variants[n].variantId },
    }));
    const shop = openShop(variants);
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
    const facts = await this.reads.read({
      buyerId: actor.id,
      addressId: dto.addressId,
      variantIds: [],
      flashSaleId,
    });
    const sale = facts.sale;
    assertSaleOpen(sale);
    const shipTo = requireAddress(facts.address);
    const [variant] = [...facts.variants.values()];
    if (dto.quantity > sale.perBuyerLimit) throw limitExceeded(sale.perBuyerLimit);
    const line = {
      ...lineOf(variant, sale.priceMinor, dto.quantity),
      pool: { kind: 'flash_sale', id: sale.id } as const,
    };
    const shop = openShop([variant]);
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
      hash: hash('sha256', JSON.stringify(request), 'hex'),
      flashSale,
    };
  }

  private async commit(d: Draft): Promise<OrderView> {
    const placed: Placement = await this.committer.commit(d);
    switch (placed.outcome) {
      case 'placed':
        break;
      case 'replayed':
        return this.replay(d);
      case 'out_of_stock':
        throw new DomainError('OUT_OF_STOCK', 'Sold out: not enough units are left for this order.');
      case 'limit_exceeded':
        throw limitExceeded(d.flashSale?.perBuyerLimit ?? 0);
      case 'failed':
        throw placed.error;
    }
    return draftView(d, placed);
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
}

function limitExceeded(limit: number): DomainError {
  return new DomainError('PURCHASE_LIMIT_EXCEEDED', `At most ${limit} per buyer in this flash sale.`);
}

function requireAddress(address: AddressRequest | null): AddressRequest {
  if (!address) throw new DomainError('NOT_FOUND', 'No such address.');
  return address;
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
  r: VariantFacts,
  unitPriceMinor: number,
  quantity: number,
): Omit<Line, 'pool'> & { currency: Currency } {
  return {
    variantId: r.variantId,
    productId: r.productId,
    title: r.title,
    label: r.label,
    quantity,
    unitPriceMinor,
    currency: r.currency,
  };
}

function openShop(rows: VariantFacts[]): { id: string; kind: ShopKind } {
  const shops = new Set(rows.map((r) => r.shopId));
  if (shops.size !== 1)
    throw invalid('items', 'oneShop', 'An order holds products of one shop; place one order per shop.');
  if (rows[0].shopStatus !== 'open') throw new DomainError('SHOP_NOT_OPEN', 'This shop is not open yet.');
  return { id: rows[0].shopId, kind: rows[0].shopKind };
}

function draftView(d: Draft, created: { createdAt: Date; expiresAt: Date | null }): OrderView {
  return {
    id: d.id,
    shopId: d.shopId,
    buyerId: d.buyerId,
    status: d.status,
    paymentMethod: d.paymentMethod,
    totalMinor: totalOf(d),
    currency: d.currency,
    flashSaleId: d.flashSale?.id ?? null,
    items: d.lines.map(({ pool: _p, ...l }) => l),
    shipTo: d.shipTo,
    shipment: null,
    expiresAt: created.expiresAt ? new Date(created.expiresAt).toISOString() : null,
    createdAt: new Date(created.createdAt).toISOString(),
  };
}
