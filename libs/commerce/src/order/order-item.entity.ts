import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Order } from './order.entity';

/** One line of an order, with the product as it was sold (title, label, server price). */
@Entity('order_items')
@Check('ck_order_items_numbers', '"quantity" > 0 AND "unit_price_minor" > 0')
export class OrderItem {
  @PrimaryColumn('uuid')
  orderId: string;

  @PrimaryColumn('uuid')
  variantId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @Column('uuid')
  productId: string;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ type: 'varchar', length: 40 })
  label: string;

  @Column('integer')
  quantity: number;

  @Column('integer')
  unitPriceMinor: number;
}
