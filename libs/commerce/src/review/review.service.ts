import { Injectable } from '@nestjs/common';
import { DomainError, ReviewView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { ReviewDto } from '../dto/order.dto';
import { Order } from '../order/order.entity';
import { orderNotFound } from '../order/order.views';
import { Review } from './review.entity';

function toView(r: Review): ReviewView {
  return { orderId: r.orderId, rating: r.rating, text: r.text, createdAt: r.createdAt.toISOString() };
}

/** Buyers review their delivered orders, once each. */
@Injectable()
export class ReviewService {
  constructor(private readonly uow: UnitOfWork) {}

  async review(actor: Actor, orderId: string, dto: ReviewDto): Promise<ReviewView> {
    return this.uow.run(async ({ em }) => {
      const order = await em.findOne(Order, { where: { id: orderId } });
      if (!order || order.buyerId !== actor.id) throw orderNotFound();
      if (order.status !== 'delivered' && order.status !== 'completed') {
        throw new DomainError('ORDER_STATE_INVALID', 'Orders can be reviewed once they were delivered.');
      }
      const inserted = (await em.query(
        `INSERT INTO reviews (order_id, shop_id, buyer_id, rating, text) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [order.id, order.shopId, actor.id, dto.rating, dto.text.trim()],
      )) as unknown[];
      if (!inserted.length) throw new DomainError('ALREADY_REVIEWED', 'This order was already reviewed.');
      return toView(await em.findOneOrFail(Review, { where: { orderId } }));
    });
  }

  async forShop(shopId: string): Promise<ReviewView[]> {
    return this.uow.run(async ({ em }) =>
      (await em.find(Review, { where: { shopId }, order: { createdAt: 'DESC' }, take: 100 })).map(toView),
    );
  }
}
