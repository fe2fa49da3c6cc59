import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/contracts';

export interface RateLimitResult {
  count: number;
  resetAt: Date;
}

@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Counts one hit in a fixed window and returns the count after it, atomically. */
  async hit(key: string, windowSeconds: number): Promise<RateLimitResult> {
    const rows: Array<{ count: number; reset_at: Date }> = await this.ds.query(
      `INSERT INTO rate_limit_buckets (key, count, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limit_buckets.reset_at <= now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
         reset_at = CASE WHEN rate_limit_buckets.reset_at <= now() THEN now() + make_interval(secs => $2) ELSE rate_limit_buckets.reset_at END
       RETURNING count, reset_at`,
      [key, windowSeconds],
    );
    return { count: rows[0].count, resetAt: rows[0].reset_at };
  }

  async peek(key: string): Promise<RateLimitResult | null> {
    const rows: Array<{ count: number; reset_at: Date }> = await this.ds.query(
      'SELECT count, reset_at FROM rate_limit_buckets WHERE key = $1 AND reset_at > now()',
      [key],
    );
    return rows.length ? { count: rows[0].count, resetAt: rows[0].reset_at } : null;
  }

  async reset(key: string): Promise<void> {
    await this.ds.query('DELETE FROM rate_limit_buckets WHERE key = $1', [key]);
  }

  static tooMany(resetAt: Date): DomainError {
    const seconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    return new DomainError('RATE_LIMITED', `Too many attempts. Try again in ${seconds} s.`, [
      { field: 'retryAfter', reason: 'retryAfter', message: String(seconds) },
    ]);
  }
}
