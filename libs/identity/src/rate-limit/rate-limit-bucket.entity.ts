import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window counters shared by every api node (kept in PostgreSQL, not process memory). */
@Entity('rate_limit_buckets')
export class RateLimitBucket {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'integer' })
  count: number;

  @Column({ type: 'timestamptz' })
  resetAt: Date;
}
