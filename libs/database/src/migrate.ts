import { DataSource } from 'typeorm';
import { DatabaseConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations; returns their names. Safe to run on every start. */
export async function runMigrations(
  cfg: Pick<DatabaseConfig, 'url'>,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ url: cfg.url, poolSize: 2, logging: false }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`migration applied: ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** The SQL that would bring the schema in line with the entities; empty when they agree. */
export async function pendingSchemaChanges(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ url, poolSize: 2, logging: false }));
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
