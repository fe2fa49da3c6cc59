import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { adminUrlFor, withDatabase } from '@app/database/database-url';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(
      `${name} is not set: run the suite with "npm test", which starts PostgreSQL and S3 and sets it`,
    );
  return v;
}

/** A fresh database copied from the migrated template: real PostgreSQL, real schema, isolated. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = requireEnv('DATABASE_URL');
  const template = process.env.TEST_TEMPLATE_DB ?? `${new URL(base).pathname.slice(1)}_template`;
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const adminUrl = process.env.DATABASE_ADMIN_URL ?? adminUrlFor(base);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(base, name),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
