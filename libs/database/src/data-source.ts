import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';

/** Used by the TypeORM CLI (`npm run migration:generate`) with DATABASE_URL set. */
export default new DataSource(dataSourceOptions(loadDatabaseConfig()));
