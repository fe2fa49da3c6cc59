import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { DomainError, ShopApplicationView, ShopPage, ShopStatus, ShopView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, hasAnyRole, maskPhone, User } from '@app/identity';
import { CreateShopDto } from '../dto/shop.dto';
import { ProductService } from '../product/product.service';
import { shopNotFound, toShopView } from './shop.access';
import { Shop } from './shop.entity';
import { assertShopTransition } from './shop.state';

/** the program office decides a few shops a week; more than this waiting is a backlog to page later */
const APPLICATIONS_SHOWN = 200;

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
    return this.decide(id, 'open', { approvedBy: actor.id, approvedAt: new Date() });
  }

  /** A program admin turns a live shop down; the owner sees the reason. The role check is on the route. */
  async reject(actor: Actor, id: string, reason: string): Promise<ShopView> {
    return this.decide(id, 'rejected', {
      rejectedBy: actor.id,
      rejectedAt: new Date(),
      rejectionReason: reason.trim(),
    });
  }

  private async decide(id: string, to: ShopStatus, fields: Partial<Shop>): Promise<ShopView> {
    return this.uow.run(async ({ em }) => {
      const shop = await em.findOne(Shop, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!shop) throw shopNotFound();
      assertShopTransition(shop.status, to);
      Object.assign(shop, fields, { status: to });
      return toShopView(await em.save(shop));
    });
  }

  /**
   * The program office's list: shops in one status with who owns them (phone masked), oldest
   * first so nobody waits longest. The role check is on the route.
   */
  async applications(status: ShopStatus): Promise<ShopApplicationView[]> {
    return this.uow.run(async ({ em }) => {
      const shops = await em.find(Shop, {
        where: { status },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: APPLICATIONS_SHOWN,
      });
      const ownerIds = [...new Set(shops.map((s) => s.ownerId))];
      const owners = ownerIds.length
        ? await em.find(User, {
            where: { id: In(ownerIds) },
            select: { id: true, displayName: true, phone: true },
          })
        : [];
      const byId = new Map(owners.map((u) => [u.id, u]));
      return shops.map((shop) => {
        const owner = byId.get(shop.ownerId);
        return {
          shop: toShopView(shop),
          owner: {
            id: shop.ownerId,
            displayName: owner?.displayName ?? '',
            maskedPhone: owner?.phone ? maskPhone(owner.phone) : null,
          },
        };
      });
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
