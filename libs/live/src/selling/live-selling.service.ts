import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import {
  DomainError,
  LiveFlashSale,
  LiveSessionStatus,
  PinnedProductCard,
  ProductView,
  StartLiveFlashSaleRequest,
} from '@app/contracts';
import {
  FlashSale,
  FlashSaleService,
  InventoryService,
  Product,
  ProductService,
  ProductVariant,
  productPhotoUrl,
  Shop,
} from '@app/commerce';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { LiveSession } from '../live-session/live-session.entity';
import { LivePin } from './live-pin.entity';
import { LiveProductPinned, LiveProductUnpinned } from './live-selling.events';

/** Pinning and flash sales can be prepared before going live, and changed while live. */
const SELLING_STATUSES: readonly LiveSessionStatus[] = ['scheduled', 'live'];

/**
 * Selling from the stream: the host pins a product of their own shop over the video and starts
 * flash sales tied to the session (commerce owns the sale; this links it and shows it).
 */
@Injectable()
export class LiveSellingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly products: ProductService,
    private readonly flashSales: FlashSaleService,
    private readonly inventory: InventoryService,
  ) {}

  async pin(actor: Actor, sessionId: string, productId: string): Promise<PinnedProductCard> {
    return this.uow.run(async ({ em, publish }) => {
      const session = await this.hostSale(em, actor, sessionId, SELLING_STATUSES);
      const product = await em.findOne(Product, { where: { id: productId } });
      const shop = product && (await em.findOne(Shop, { where: { id: product.shopId } }));
      if (!product || !shop) throw new DomainError('NOT_FOUND', 'No such product.');
      if (shop.ownerId !== session.hostId)
        throw new DomainError('FORBIDDEN', 'Only products of your own shop can be pinned.');
      const pinnedAt = new Date();
      await em.upsert(LivePin, { sessionId, productId, pinnedAt }, ['sessionId']);
      const card = await this.card(em, sessionId, productId, pinnedAt);
      publish({ type: 'LiveProductPinned', card } as LiveProductPinned);
      return card;
    });
  }

  async unpin(actor: Actor, sessionId: string): Promise<void> {
    await this.uow.run(async ({ em, publish }) => {
      await this.hostSale(em, actor, sessionId, SELLING_STATUSES);
      const { affected } = await em.delete(LivePin, { sessionId });
      if (affected) publish({ type: 'LiveProductUnpinned', sessionId } as LiveProductUnpinned);
    });
  }

  /**
   * Starts a flash sale now on a variant of the host's shop, tied to this live session, and pins
   * its product so the room sees the price and the countdown. One running sale per session: the
   * check is a courtesy for the host, commerce itself keeps stock and limits right either way.
   */
  async startFlashSale(
    actor: Actor,
    sessionId: string,
    req: StartLiveFlashSaleRequest,
  ): Promise<PinnedProductCard> {
    await this.uow.run(async ({ em }) => {
      await this.hostSale(em, actor, sessionId, ['live']);
      if (await this.runningSale(em, sessionId))
        throw new DomainError('CONFLICT', 'A flash sale is already running in this session.');
    });
    const now = Date.now();
    const sale = await this.flashSales.create(actor, {
      variantId: req.variantId,
      priceMinor: req.priceMinor,
      quantity: req.quantity,
      perBuyerLimit: req.perBuyerLimit,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + req.durationSeconds * 1000).toISOString(),
      liveSessionId: sessionId,
    });
    const variant = await this.uow.run(({ em }) =>
      em.findOneOrFail(ProductVariant, { where: { id: sale.variantId } }),
    );
    return this.pin(actor, sessionId, variant.productId);
  }

  /** For the room snapshot: the pinned card and the running flash sale, for late joiners. */
  async roomState(
    em: EntityManager,
    sessionId: string,
  ): Promise<{ pinnedProduct: PinnedProductCard | null; flashSale: LiveFlashSale | null }> {
    const pin = await em.findOne(LivePin, { where: { sessionId } });
    const pinnedProduct = pin ? await this.card(em, sessionId, pin.productId, pin.pinnedAt) : null;
    const flashSale = pinnedProduct?.flashSale ?? (await this.runningSale(em, sessionId));
    return { pinnedProduct, flashSale };
  }

  private async card(
    em: EntityManager,
    sessionId: string,
    productId: string,
    pinnedAt: Date,
  ): Promise<PinnedProductCard> {
    const [product] = await this.products.views(em, [productId]);
    if (!product) throw new DomainError('NOT_FOUND', 'No such product.');
    const sale = await this.runningSale(em, sessionId);
    return toCard(sessionId, product, sale?.productId === productId ? sale : null, pinnedAt);
  }

  private async runningSale(em: EntityManager, sessionId: string): Promise<LiveFlashSale | null> {
    const sale = await em.findOne(FlashSale, {
      where: { liveSessionId: sessionId, endedAt: IsNull(), endsAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
    if (!sale) return null;
    // one after the other: both run on the transaction's one connection
    const variant = await em.findOneOrFail(ProductVariant, { where: { id: sale.variantId } });
    const available = await this.inventory.available(em, 'flash_sale', [sale.id]);
    return {
      id: sale.id,
      productId: variant.productId,
      variantId: sale.variantId,
      priceMinor: sale.priceMinor,
      currency: sale.currency,
      quantity: sale.quantity,
      available: available.get(sale.id) ?? 0,
      perBuyerLimit: sale.perBuyerLimit,
      endsAt: sale.endsAt.toISOString(),
    };
  }

  /** The session, locked, when it is a sale of this host in one of `statuses`. */
  private async hostSale(
    em: EntityManager,
    actor: Actor,
    sessionId: string,
    statuses: readonly LiveSessionStatus[],
  ): Promise<LiveSession> {
    const s = await em.findOne(LiveSession, {
      where: { id: sessionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!s) throw new DomainError('NOT_FOUND', 'No such live session.');
    if (s.hostId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the host can do this.');
    if (s.kind !== 'sale')
      throw new DomainError('VALIDATION_FAILED', 'Products are sold in sale sessions only.');
    if (!statuses.includes(s.status))
      throw new DomainError('SESSION_STATE_INVALID', `This session is ${s.status}.`);
    return s;
  }
}

function toCard(
  sessionId: string,
  p: ProductView,
  flashSale: LiveFlashSale | null,
  pinnedAt: Date,
): PinnedProductCard {
  const photo = p.photos[0];
  return {
    sessionId,
    productId: p.id,
    shopId: p.shopId,
    title: p.title,
    thumbnailUrl: photo ? productPhotoUrl(photo.uploadId, 'thumb') : null,
    currency: p.variants[0]?.currency ?? 'CNY',
    priceMinor: Math.min(...p.variants.map((v) => v.priceMinor)),
    variants: p.variants.map((v) => ({
      id: v.id,
      label: v.label,
      priceMinor: v.priceMinor,
      available: v.available,
    })),
    stock: p.variants.reduce((n, v) => n + v.available, 0),
    flashSale,
    pinnedAt: pinnedAt.toISOString(),
  };
}
