import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganizationKind } from '@app/contracts';

/** A training institution, a skill evaluation agency (signs certificates) or an enterprise. */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganizationKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
