import { Client } from 'pg';
import { runMigrations } from '../migrate';
import { adminUrlFor, withDatabase } from '../database-url';

/**
 * Builds `<db>_template` by running every migration, once per test run; each test file then
 * copies it (`CREATE DATABASE … TEMPLATE …`), which takes milliseconds.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const template = process.env.TEST_TEMPLATE_DB ?? `${new URL(url).pathname.slice(1)}_template`;
  const admin = new Client({ connectionString: process.env.DATABASE_ADMIN_URL ?? adminUrlFor(url) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const applied = await runMigrations({ url: withDatabase(url, template) });
  console.log(`[test-template] ${template}: ${applied.length} migration(s) applied`);
}

main().catch((e: unknown) => {
  console.error('[test-template] failed:', e);
  process.exit(1);
});
