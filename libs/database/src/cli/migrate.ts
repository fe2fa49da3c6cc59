import { loadDatabaseConfig, ConfigError } from '@app/config';
import { runMigrations } from '../migrate';

async function main(): Promise<void> {
  const cfg = loadDatabaseConfig();
  const applied = await runMigrations(cfg, (l) => console.log(`[migrate] ${l}`));
  console.log(`[migrate] ${applied.length} migration(s) applied`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
