import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from '@app/commerce';
import { LiveSession } from '../live-session/live-session.entity';

/** The product a sale session's host has pinned over the video: at most one per session. */
@Entity('live_pinned_products')
export class LivePin {
  @PrimaryColumn('uuid')
  sessionId: string;

  @ManyToOne(() => LiveSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSession;

  @Index('ix_live_pinned_products_product')
  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column('timestamptz')
  pinnedAt: Date;
}
