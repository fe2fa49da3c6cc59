import { Injectable } from '@nestjs/common';
import { DomainError, ShopPage, ShopView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, hasAnyRole } from '@app/identity';
import { CreateShopDto } from '../dto/shop.dto';
import { ProductService } from '../product/product.service';
import { shopNotFound, toShopView } from './shop.access';
import { Shop } from './shop.entity';

@Injectable()
export class ShopService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly products: ProductService,
  ) {}

  /** Trainees open practice shops (sandbox money); a live shop is an anchor's and needs approval. */
  async create(actor: Actor, dto: CreateShopDto): Promise<ShopView> {
    const needed = dto.kind === 'live' ? (['anchor'] as const) : (['trainee', 'anchor'] as const);
    if (!hasAnyRole(actor.roles, needed)) {
      throw new DomainError('FORBIDDEN', `Only ${needed.join(' or ')} accounts can open a ${dto.kind} shop.`);
    }
    return this.uow.run(async ({ em }) => {
      const shop = await em.save(
        em.create(Shop, {
          ownerId: actor.id,
          kind: dto.kind,
          status: dto.kind === 'live' ? 'pending_approval' : 'open',
          name: dto.name.trim(),
          description: dto.description?.trim() || null,
          category: dto.category,
          region: dto.region.trim(),
          currency: 'CNY',
        }),
      );
      return toShopView(shop);
    });
  }

  /** A program admin opens a live shop; the role check is on the route. */
  async approve(actor: Actor, id: string): Promise<ShopView> {
    return this.uow.run(async ({ em }) => {
      const shop = await em.findOne(Shop, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!shop) throw shopNotFound();
      if (shop.status !== 'pending_approval') {
        throw new DomainError(
          'CONFLICT',
          `This shop is ${shop.status}; only shops waiting for approval can be approved.`,
        );
      }
      Object.assign(shop, { status: 'open', approvedBy: actor.id, approvedAt: new Date() });
      return toShopView(await em.save(shop));
    });
  }

  async mine(actor: Actor): Promise<ShopView[]> {
    return this.uow.run(async ({ em }) =>
      (await em.find(Shop, { where: { ownerId: actor.id }, order: { createdAt: 'DESC' } })).map(toShopView),
    );
  }

  /** Public shop page; a shop still waiting for approval is shown only to its owner and admins. */
  async page(id: string, viewer: Actor | null): Promise<ShopPage> {
    return this.uow.run(async ({ em }) => {
      const shop = await em.findOne(Shop, { where: { id } });
      const mayPreview =
        viewer && (viewer.id === shop?.ownerId || hasAnyRole(viewer.roles, ['program_admin']));
      if (!shop || (shop.status !== 'open' && !mayPreview)) throw shopNotFound();
      return { shop: toShopView(shop), products: await this.products.listForShop(em, shop.id) };
    });
  }
}
