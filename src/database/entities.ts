import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { MunicipalityEntity } from '../modules/municipalities/municipality.entity';

/** Every TypeORM entity, listed once for the app, the tests and the CLI. */
export const ENTITIES = [MunicipalityEntity, AuditEventEntity];
