import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { NoticeKind } from '@app/contracts';
import { Shop } from '@app/commerce';
import { User } from '@app/identity';
import { LiveSession } from '../live-session/live-session.entity';

/** One in-app notice for one person; texts are the client's, from `kind`. */
@Entity('notices')
@Index('ix_notices_user_created', ['userId', 'createdAt'])
@Index('uq_notices_user_session_kind', ['userId', 'sessionId', 'kind'], { unique: true })
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  kind: NoticeKind;

  @Column('uuid')
  shopId: string;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column('uuid')
  sessionId: string;

  @ManyToOne(() => LiveSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSession;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
