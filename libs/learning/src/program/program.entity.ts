import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EligibilityCategory } from '@app/contracts';
import { numericAsNumber } from '../common/columns';

/** A funded training program of a region; trainees are enrolled into its cohorts. */
@Entity('programs')
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 80 })
  region: string;

  @Column({ type: 'varchar', length: 120 })
  fundingBody: string;

  /** calendar dates of the program, as the funding notice states them */
  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 32, array: true })
  eligibleCategories: EligibilityCategory[];

  @Column({ type: 'boolean', default: true })
  subsidyRequiresCertificate: boolean;

  @Column({ type: 'numeric', precision: 7, scale: 2, default: 0, transformer: numericAsNumber })
  subsidyMinHours: number;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
