import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, FollowView, LiveSessionView } from '@app/contracts';
import { Shop } from '@app/commerce';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { LiveSessionService } from '../live-session/live-session.service';
import { ShopFollow } from './shop-follow.entity';

/** Viewers following shops, and the shop's upcoming sales they follow it for. */
@Injectable()
export class FollowService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: LiveSessionService,
  ) {}

  /** Following again only changes `remind` when it is given. */
  async follow(actor: Actor, shopId: string, remind: boolean | undefined): Promise<FollowView> {
    return this.uow.run(async ({ em }) => {
      const shop = await this.shop(em, shopId);
      if (shop.ownerId === actor.id)
        throw new DomainError('VALIDATION_FAILED', 'You cannot follow your own shop.');
      await em
        .createQueryBuilder()
        .insert()
        .into(ShopFollow)
        .values({ userId: actor.id, shopId, remind: remind ?? false })
        .orUpdate(remind === undefined ? [] : ['remind'], ['user_id', 'shop_id'])
        .orIgnore(remind === undefined)
        .execute();
      return this.view(em, actor.id, shopId);
    });
  }

  async unfollow(actor: Actor, shopId: string): Promise<FollowView> {
    return this.uow.run(async ({ em }) => {
      await this.shop(em, shopId);
      await em.delete(ShopFollow, { userId: actor.id, shopId });
      return this.view(em, actor.id, shopId);
    });
  }

  async status(actor: Actor | null, shopId: string): Promise<FollowView> {
    return this.uow.run(async ({ em }) => {
      await this.shop(em, shopId);
      return this.view(em, actor?.id ?? null, shopId);
    });
  }

  /** The shop's sale sessions still to come or live now, for its page. */
  async upcomingSales(shopId: string): Promise<LiveSessionView[]> {
    const shop = await this.uow.run(({ em }) => this.shop(em, shopId));
    return this.sessions.forHost(shop.ownerId, 'sale');
  }

  private async shop(em: EntityManager, id: string): Promise<Shop> {
    const shop = await em.findOne(Shop, { where: { id } });
    if (!shop) throw new DomainError('NOT_FOUND', 'No such shop.');
    return shop;
  }

  private async view(em: EntityManager, userId: string | null, shopId: string): Promise<FollowView> {
    // one after the other: both run on the transaction's one connection
    const mine = userId ? await em.findOne(ShopFollow, { where: { userId, shopId } }) : null;
    const followers = await em.count(ShopFollow, { where: { shopId } });
    return { shopId, following: !!mine, remind: mine?.remind ?? false, followers };
  }
}
