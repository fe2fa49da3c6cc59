import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency } from '@app/contracts';
import { Product } from './product.entity';

/** A sellable form of a product (500g, 1kg). Its stock lives in `variant_stock_slots`. */
@Entity('product_variants')
@Check('ck_product_variants_price', '"price_minor" > 0')
export class ProductVariant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_product_variants_product')
  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column({ type: 'varchar', length: 40 })
  label: string;

  /** integer minor units (fen) */
  @Column({ type: 'integer' })
  priceMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: Currency;

  @Column({ type: 'smallint' })
  position: number;
}
