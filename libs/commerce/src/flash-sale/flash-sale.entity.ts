import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Currency, FlashSaleEndReason } from '@app/contracts';
import { ProductVariant } from '../product/product-variant.entity';
import { Shop } from '../shop/shop.entity';

/**
 * A time-boxed special price on one variant. Its quantity is carved out of the variant's stock
 * when created and what is left goes back when it ends.
 */
@Entity('flash_sales')
@Check('ck_flash_sales_window', '"ends_at" > "starts_at"')
@Check('ck_flash_sales_numbers', '"price_minor" > 0 AND "quantity" > 0 AND "per_buyer_limit" > 0')
@Index('ix_flash_sales_open', ['endsAt'], { where: 'ended_at IS NULL' })
export class FlashSale {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  shopId: string;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Index('ix_flash_sales_variant')
  @Column('uuid')
  variantId: string;

  @ManyToOne(() => ProductVariant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variant_id' })
  variant?: ProductVariant;

  /** a sale-kind live session of the same anchor (live lib; not a foreign key across libs) */
  @Index('ix_flash_sales_live_session')
  @Column({ type: 'uuid', nullable: true })
  liveSessionId: string | null;

  @Column('integer')
  priceMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: Currency;

  @Column('integer')
  quantity: number;

  @Column('integer')
  perBuyerLimit: number;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  endReason: FlashSaleEndReason | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
