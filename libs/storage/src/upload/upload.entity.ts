import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { UploadPurpose, UploadStatus } from '@app/contracts';

/** Sizes up to 2^53 are exact in a JS number; PostgreSQL hands bigint back as a string. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One file a user is putting into object storage. `pending` until the client says it finished
 * and the bytes were checked; then `verified` (the bytes live at `objectKey`) or `rejected`.
 * `ownerId` is deliberately not a foreign key: storage is below identity in the module graph,
 * and deleting a user has to remove objects too, which a cascade cannot do.
 */
@Entity('uploads')
@Index('ix_uploads_owner_created', ['ownerId', 'createdAt'])
export class Upload {
  /** chosen by the service, because the object key is derived from it before the row exists */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  ownerId: string;

  @Column({ type: 'varchar', length: 32 })
  purpose: UploadPurpose;

  /** where the verified bytes live: `uploads/<ownerId>/<id>` */
  @Index('uq_uploads_object_key', { unique: true })
  @Column({ type: 'varchar', length: 300 })
  objectKey: string;

  /** bare media type as declared, already checked against the policy */
  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  declaredSize: number;

  /** shown to people and used as the download name; never used to judge the content */
  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: UploadStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
