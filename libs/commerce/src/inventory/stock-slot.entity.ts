import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProductVariant } from '../product/product-variant.entity';
import { FlashSale } from '../flash-sale/flash-sale.entity';

/**
 * Stock of one variant split over a fixed number of rows, so concurrent buyers decrement different
 * rows instead of queueing on one. The CHECK is the last line against overselling.
 */
@Entity('variant_stock_slots')
@Check('ck_variant_stock_slots_qty', '"qty" >= 0')
export class VariantStockSlot {
  @PrimaryColumn('uuid')
  variantId: string;

  @PrimaryColumn('smallint')
  slot: number;

  @ManyToOne(() => ProductVariant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variant_id' })
  variant?: ProductVariant;

  @Column('integer')
  qty: number;
}

/** A flash sale's own quantity, held the same way as variant stock. */
@Entity('flash_sale_stock_slots')
@Check('ck_flash_sale_stock_slots_qty', '"qty" >= 0')
export class FlashSaleStockSlot {
  @PrimaryColumn('uuid')
  flashSaleId: string;

  @PrimaryColumn('smallint')
  slot: number;

  @ManyToOne(() => FlashSale, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flash_sale_id' })
  flashSale?: FlashSale;

  @Column('integer')
  qty: number;
}
