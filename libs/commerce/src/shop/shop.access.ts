import { EntityManager } from 'typeorm';
import { DomainError, ShopView } from '@app/contracts';
import { Actor, assertOwner } from '@app/identity';
import { Shop } from './shop.entity';

export function toShopView(s: Shop): ShopView {
  return {
    id: s.id,
    ownerId: s.ownerId,
    kind: s.kind,
    status: s.status,
    name: s.name,
    description: s.description,
    category: s.category,
    region: s.region,
    currency: s.currency,
    rejectionReason: s.status === 'rejected' ? s.rejectionReason : null,
    createdAt: s.createdAt.toISOString(),
  };
}

export const shopNotFound = (): DomainError => new DomainError('NOT_FOUND', 'No such shop.');

/** The shop and who may change it; products, orders and flash sales ask here first. */
export async function requireOwnShop(em: EntityManager, actor: Actor, shopId: string): Promise<Shop> {
  const shop = await em.findOne(Shop, { where: { id: shopId } });
  if (!shop) throw shopNotFound();
  assertOwner(actor, shop.ownerId, { what: 'shop' });
  return shop;
}
