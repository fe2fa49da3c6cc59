import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApiConfig, loadApiConfig } from '@app/config';
import { createTestDatabase, requireEnv, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  /** base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  cfg: ApiConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real api (same bootstrap as production) on a fresh database and its own bucket in the real
 * S3-protocol server, listening on a random loopback port.
 */
export type ApiBootstrap = (cfg: ApiConfig, opts: { logger?: false }) => Promise<INestApplication>;

export async function createTestApp(
  createApiApp: ApiBootstrap,
  overrides: Record<string, string> = {},
): Promise<TestApp> {
  requireEnv('S3_ENDPOINT');
  const db = await createTestDatabase();
  const cfg = loadApiConfig({
    ...process.env,
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    ROOM_TOKEN_SECRET: process.env.ROOM_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    INTERNAL_SECRET: process.env.INTERNAL_SECRET ?? randomBytes(32).toString('hex'),
    S3_BUCKET: `t-${randomBytes(6).toString('hex')}`,
    API_PORT: '0',
    API_HOST: '127.0.0.1',
    DATABASE_POOL_SIZE: '10',
    ...overrides,
    DATABASE_URL: db.url,
  });
  const app = await createApiApp(cfg, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    cfg,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
