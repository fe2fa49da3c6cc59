import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '@app/config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of the schema: entities are every `*.entity` file of every lib, migrations
 * live here. The same globs work from sources (ts-jest, the TypeORM CLI) and from dist.
 */
const libsRoot = join(__dirname, '..', '..');

export function dataSourceOptions(
  cfg: Pick<DatabaseConfig, 'url' | 'poolSize' | 'logging'>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: cfg.url,
    entities: [join(libsRoot, '*/src/**/*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: cfg.logging ? ['query', 'error'] : ['error'],
    extra: {
      max: cfg.poolSize,
      // UnitOfWork relies on this default instead of a SET TRANSACTION round trip per transaction
      options: '-c default_transaction_isolation=read\\ committed',
    },
    applicationName: 'anchor-academy',
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension (and no superuser) is needed.
    uuidExtension: 'pgcrypto',
  } as DataSourceOptions;
}
