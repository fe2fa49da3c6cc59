import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AddressRequest, Currency, OrderStatus, PaymentMethod } from '@app/contracts';
import { bigintAsNumber } from '../shared/columns';
import { Shop } from '../shop/shop.entity';

/** One buyer's purchase from one shop. Status changes only through the transition table. */
@Entity('orders')
@Index('uq_orders_buyer_idempotency_key', ['buyerId', 'idempotencyKey'], { unique: true })
@Index('ix_orders_buyer_created', ['buyerId', 'createdAt'])
@Index('ix_orders_shop_created', ['shopId', 'createdAt'])
@Index('ix_orders_shop_paid', ['shopId', 'paidAt'], { where: 'paid_at IS NOT NULL' })
@Index('ix_orders_pending_expiry', ['expiresAt'], { where: `status = 'pending_payment'` })
@Check('ck_orders_total', '"total_minor" > 0')
export class Order {
  /** chosen by the service, so one statement can write the order and its lines */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  buyerId: string;

  @Column('uuid')
  shopId: string;

  @ManyToOne(() => Shop, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column({ type: 'varchar', length: 20 })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 16 })
  paymentMethod: PaymentMethod;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  totalMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: Currency;

  @Column({ type: 'uuid', nullable: true })
  flashSaleId: string | null;

  @Column({ type: 'uuid', nullable: true })
  liveSessionId: string | null;

  /** the address as it was when ordered */
  @Column('jsonb')
  shipTo: AddressRequest;

  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  /** sha256 of the request, to refuse a reused key with a different body */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  carrier: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  trackingNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  /** when the money was taken: the provider's capture, or the delivery of a cash-on-delivery order */
  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  paymentProvider: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
