import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity';

/** A verified `product-photo` upload attached to a product, with its thumbnail next to it. */
@Entity('product_photos')
export class ProductPhoto {
  @PrimaryColumn('uuid')
  productId: string;

  @PrimaryColumn('uuid')
  uploadId: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column({ type: 'varchar', length: 300 })
  objectKey: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  thumbnailKey: string | null;

  @Column({ type: 'smallint' })
  position: number;
}
