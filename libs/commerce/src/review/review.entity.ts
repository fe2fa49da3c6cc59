import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Order } from '../order/order.entity';

/** One review per order, by its buyer, once it was delivered. */
@Entity('reviews')
@Check('ck_reviews_rating', '"rating" BETWEEN 1 AND 5')
export class Review {
  @PrimaryColumn('uuid')
  orderId: string;

  @OneToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @Index('ix_reviews_shop')
  @Column('uuid')
  shopId: string;

  @Column('uuid')
  buyerId: string;

  @Column('smallint')
  rating: number;

  @Column({ type: 'varchar', length: 1000 })
  text: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
