import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HoursSource } from '@app/contracts';
import { numericAsNumber } from '../common/columns';

/**
 * The verified-hours ledger. Append-only (a database trigger refuses UPDATE and DELETE): a
 * correction is a new row with its reason and author. `seq` orders the ledger, so a certificate
 * can name exactly the entries it was issued on.
 */
@Entity('hours_ledger')
@Index('ix_hours_ledger_enrollment_course', ['enrollmentId', 'courseId'])
export class HoursEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_hours_ledger_seq', { unique: true })
  @Column({ type: 'bigint', transformer: numericAsNumber })
  @Generated('increment')
  seq: number;

  @Column('uuid')
  enrollmentId: string;

  @Column('uuid')
  courseId: string;

  @Column({ type: 'uuid', nullable: true })
  lessonId: string | null;

  @Column({ type: 'varchar', length: 12 })
  source: HoursSource;

  /** signed milliseconds; only corrections are negative */
  @Column('integer')
  creditedMs: number;

  /** live class: the live session id; video: the tab id */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ref: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
