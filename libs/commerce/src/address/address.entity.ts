import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('addresses')
export class Address {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_addresses_owner')
  @Column('uuid')
  ownerId: string;

  @Column({ type: 'varchar', length: 40 })
  recipient: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'varchar', length: 60 })
  region: string;

  @Column({ type: 'varchar', length: 200 })
  detail: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
