import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { API_CONFIG, ApiConfig } from '@app/config';
import type { HealthPart, HealthReport, MediaHealth } from '@app/contracts';
import { ObjectStorage } from '@app/storage';

const TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ]);
}

async function probe(fn: () => Promise<Omit<HealthPart, 'status'> | void>): Promise<HealthPart> {
  const started = Date.now();
  try {
    const extra = (await withTimeout(fn())) ?? {};
    return { status: 'up', latencyMs: Date.now() - started, ...extra };
  } catch (e) {
    return { status: 'down', detail: e instanceof Error ? e.message : String(e) };
  }
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly storage: ObjectStorage,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, storage, media] = await Promise.all([
      probe(async () => {
        await this.ds.query('SELECT 1');
      }),
      probe(() => this.storage.ping()),
      probe(async () => {
        const res = await fetch(new URL('/health', this.cfg.mediaInternalUrl), {
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body = (await res.json()) as MediaHealth;
        if (body.status !== 'up') throw new Error(`media reports ${body.status}`);
        return { workers: body.workers.length };
      }),
    ]);
    const parts = { database, storage, media };
    return { status: Object.values(parts).every((p) => p.status === 'up') ? 'up' : 'down', parts };
  }
}
