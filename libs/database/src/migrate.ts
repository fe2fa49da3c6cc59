import { DataSource, QueryRunner } from 'typeorm';
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
  const createQueryRunner = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode) => oneQueryAtATime(createQueryRunner(mode));
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}

/**
 * TypeORM 0.3 (0.3.31 is the last) reads the tables back with overlapping queries on the schema
 * builder's one connection: `PostgresQueryRunner.loadTables` looks up every enum and array
 * column's type inside `Promise.all`. pg deprecates a query sent while its client is busy and
 * pg@9 refuses it, so this runner's queries wait for one another.
 */
function oneQueryAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
