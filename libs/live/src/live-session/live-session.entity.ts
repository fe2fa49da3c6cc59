import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LiveSessionKind, LiveSessionStatus, ReplayStatus } from '@app/contracts';

@Entity('live_sessions')
@Index('ix_live_sessions_status_start', ['status', 'scheduledStart'])
// the replays shelf: ended sessions with a playable replay, newest first
@Index('ix_live_sessions_replays', ['endedAt'], { where: `replay_status = 'ready'` })
export class LiveSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: LiveSessionKind;

  @Index('ix_live_sessions_host')
  @Column('uuid')
  hostId: string;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 12, default: 'scheduled' })
  status: LiveSessionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  record: boolean;

  @Column({ type: 'integer', default: 0 })
  viewersNow: number;

  @Column({ type: 'integer', default: 0 })
  peakViewers: number;

  @Column({ type: 'integer', default: 0 })
  likes: number;

  @Column({ type: 'varchar', length: 12, default: 'none' })
  replayStatus: ReplayStatus;

  @Column({ type: 'varchar', length: 300, nullable: true })
  replayObjectKey: string | null;

  @Column({ type: 'integer', nullable: true })
  replayDurationMs: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
