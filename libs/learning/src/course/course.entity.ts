import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SkillLevel } from '@app/contracts';
import { numericAsNumber } from '../common/columns';
import { Organization } from '../program/organization.entity';
import { Program } from '../program/program.entity';

@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_courses_program')
  @Column('uuid')
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  /** e.g. 互联网营销师 (internet marketing specialist) */
  @Column({ type: 'varchar', length: 80 })
  occupationCategory: string;

  /** credits a trainee needs from this course's lessons */
  @Column({ type: 'numeric', precision: 6, scale: 1, transformer: numericAsNumber })
  credits: number;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: numericAsNumber })
  requiredHours: number;

  @Column({ type: 'varchar', length: 16 })
  skillLevel: SkillLevel;

  @Column('uuid')
  evaluatingOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evaluating_organization_id' })
  evaluatingOrganization?: Organization;

  /** courses whose certificate a trainee needs before starting this one */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  prerequisiteCourseIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
