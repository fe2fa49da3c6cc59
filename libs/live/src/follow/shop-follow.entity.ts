import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Shop } from '@app/commerce';
import { User } from '@app/identity';

/** A viewer following a shop; `remind` also asks for a notice when a sale is scheduled. */
@Entity('shop_follows')
@Index('ix_shop_follows_shop', ['shopId'])
export class ShopFollow {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  shopId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column({ type: 'boolean', default: false })
  remind: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
