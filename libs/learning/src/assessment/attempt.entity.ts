import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PracticalRubric, QuizAnswer } from '@app/contracts';

/** One graded quiz attempt; the unique attempt number keeps two racing submissions within the limit. */
@Entity('quiz_attempts')
@Index('uq_quiz_attempts_no', ['assessmentId', 'enrollmentId', 'attemptNo'], { unique: true })
export class QuizAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  assessmentId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('integer')
  attemptNo: number;

  @Column({ type: 'jsonb' })
  answers: QuizAnswer[];

  @Column('integer')
  scorePercent: number;

  @Column('boolean')
  passed: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A practice live-selling session handed in for grading by an instructor. */
@Entity('practical_submissions')
@Index('uq_practical_submissions_no', ['assessmentId', 'enrollmentId', 'attemptNo'], { unique: true })
export class PracticalSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  assessmentId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('uuid')
  traineeId: string;

  @Column('integer')
  attemptNo: number;

  @Index('uq_practical_submissions_session', { unique: true })
  @Column('uuid')
  liveSessionId: string;

  @Column({ type: 'varchar', length: 12, default: 'submitted' })
  status: 'submitted' | 'graded';

  @Column({ type: 'jsonb', nullable: true })
  rubric: PracticalRubric | null;

  @Column({ type: 'integer', nullable: true })
  total: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @Column({ type: 'uuid', nullable: true })
  gradedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  gradedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
