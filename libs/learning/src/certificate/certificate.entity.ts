import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CertificateStatus, SkillLevel } from '@app/contracts';
import { numericAsNumber } from '../common/columns';

/**
 * A skill certificate for one course. What it certifies is copied in at issue time, so a later
 * rename of the course or trainee does not rewrite an issued paper. `ledgerSeq` is the last
 * hours-ledger entry it was issued on. One per enrolment and course: a revoked certificate is not
 * silently re-issued by the next evaluation.
 */
@Entity('certificates')
@Index('uq_certificates_enrollment_course', ['enrollmentId', 'courseId'], { unique: true })
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** canonical `XXXX-XXXX-XXXX-XXXX` (Crockford base32, 80 random bits) */
  @Index('uq_certificates_code', { unique: true })
  @Column({ type: 'varchar', length: 19 })
  code: string;

  @Column('uuid')
  enrollmentId: string;

  @Index('ix_certificates_program')
  @Column('uuid')
  programId: string;

  @Column('uuid')
  courseId: string;

  @Index('ix_certificates_user')
  @Column('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  holderName: string;

  @Column({ type: 'varchar', length: 120 })
  courseTitle: string;

  @Column({ type: 'varchar', length: 120 })
  programName: string;

  @Column({ type: 'varchar', length: 16 })
  skillLevel: SkillLevel;

  @Column('uuid')
  evaluatingOrganizationId: string;

  @Column({ type: 'varchar', length: 120 })
  evaluatingOrganizationName: string;

  @Column('bigint', { transformer: numericAsNumber })
  hoursMs: number;

  @Column({ type: 'numeric', precision: 6, scale: 1, transformer: numericAsNumber })
  credits: number;

  @Column('bigint', { transformer: numericAsNumber })
  ledgerSeq: number;

  @Column({ type: 'varchar', length: 8, default: 'valid' })
  status: CertificateStatus;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason: string | null;
}
