import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Currency, ShopCategory, ShopKind, ShopStatus } from '@app/contracts';

/** An anchor's (or a trainee's practice) shop. One currency per shop; prices are in it. */
@Entity('shops')
@Index('ix_shops_status_created', ['status', 'createdAt'])
export class Shop {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_shops_owner')
  @Column('uuid')
  ownerId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: ShopKind;

  @Column({ type: 'varchar', length: 16 })
  status: ShopStatus;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  category: ShopCategory;

  @Column({ type: 'varchar', length: 60 })
  region: string;

  @Column({ type: 'varchar', length: 3, default: 'CNY' })
  currency: Currency;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  rejectedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  /** shown to the owner on their shop page */
  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
