import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Program } from './program.entity';

/** An instructor who authors the courses of a program; assigned by its program admins. */
@Entity('program_instructors')
@Index('ix_program_instructors_user', ['userId'])
export class ProgramInstructor {
  @PrimaryColumn('uuid')
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  /** an account holding the `instructor` role (libs/identity); referenced by id only */
  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid')
  assignedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;
}
