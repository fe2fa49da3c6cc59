import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FlashSale } from './flash-sale.entity';

/** Units one buyer holds in a flash sale; a conditional upsert keeps it within the limit. */
@Entity('flash_sale_buyers')
@Check('ck_flash_sale_buyers_quantity', '"quantity" >= 0')
export class FlashSaleBuyer {
  @PrimaryColumn('uuid')
  flashSaleId: string;

  @PrimaryColumn('uuid')
  buyerId: string;

  @ManyToOne(() => FlashSale, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flash_sale_id' })
  flashSale?: FlashSale;

  @Column('integer')
  quantity: number;
}
