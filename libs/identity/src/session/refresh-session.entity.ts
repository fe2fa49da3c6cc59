import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per refresh token ever issued. A family is one sign-in; each refresh rotates to a new row
 * in the same family. Presenting a row that was already rotated means the token leaked: the whole
 * family is revoked.
 */
@Entity('refresh_sessions')
export class RefreshSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_refresh_sessions_user')
  @Column('uuid')
  userId: string;

  @Index('ix_refresh_sessions_family')
  @Column('uuid')
  familyId: string;

  /** sha256 of the token secret, hex; the token itself is never stored */
  @Index('uq_refresh_sessions_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokeReason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
