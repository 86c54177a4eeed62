import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI (`npm run typeorm -- migration:generate ...`) against `DATABASE_URL`. The embedded database
 * is opened only by the service and by `npm run migration:*`, which hold its data-folder lock.
 */
const config = loadConfig();
if (config.database.mode !== 'external') {
  throw new Error('The TypeORM CLI needs DATABASE_URL; for the embedded database use npm run migration:run|revert|show');
}
export default new DataSource(dataSourceOptions(config));
