import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { EligibilityCategory, EnrollmentStatus } from '@app/contracts';
import { User } from '@app/identity';
import { Cohort } from '../program/cohort.entity';
import { Program } from '../program/program.entity';

/** A trainee in a program's cohort, under one eligibility category. */
@Entity('enrollments')
@Index('uq_enrollments_program_user', ['programId', 'userId'], { unique: true })
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  @Index('ix_enrollments_cohort')
  @Column('uuid')
  cohortId: string;

  @ManyToOne(() => Cohort, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;

  @Index('ix_enrollments_user')
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** as written on the enrolment sheet; certificates carry this name */
  @Column({ type: 'varchar', length: 40 })
  traineeName: string;

  @Column({ type: 'varchar', length: 32 })
  category: EligibilityCategory;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status: EnrollmentStatus;

  @Column('uuid')
  enrolledBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
