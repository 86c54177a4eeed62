import { CreateMunicipality1796000000000 } from './1796000000000-CreateMunicipality';
import { CreatePerson1796000001000 } from './1796000001000-CreatePerson';
import { CreateZone1796000002000 } from './1796000002000-CreateZone';
import { CreateOrder1796000003000 } from './1796000003000-CreateOrder';
import { CreateAuditEvent1796000004000 } from './1796000004000-CreateAuditEvent';
import { CreateSeedHistory1796000005000 } from './1796000005000-CreateSeedHistory';
import { CreateProcessingLog1796000006000 } from './1796000006000-CreateProcessingLog';
import { CreateReporting1796000010000 } from './1796000010000-CreateReporting';
import { CreateViolation1796000011000 } from './1796000011000-CreateViolation';
import { AddProcessingLogEntryId1796000030000 } from './1796000030000-AddProcessingLogEntryId';
import { AddAuditErasure1796000040000 } from './1796000040000-AddAuditErasure';
import { CreateProsecutorOrder1796000050000 } from './1796000050000-CreateProsecutorOrder';
import { ProcessingLogJournalProgress1796000060000 } from './1796000060000-ProcessingLogJournalProgress';

/** Every migration, in order. Listed explicitly so the compiled app, ts-jest and the CLI load the same set. */
export const MIGRATIONS = [
  CreateMunicipality1796000000000,
  CreatePerson1796000001000,
  CreateZone1796000002000,
  CreateOrder1796000003000,
  CreateAuditEvent1796000004000,
  CreateSeedHistory1796000005000,
  CreateProcessingLog1796000006000,
  CreateReporting1796000010000,
  CreateViolation1796000011000,
  AddProcessingLogEntryId1796000030000,
  AddAuditErasure1796000040000,
  CreateProsecutorOrder1796000050000,
  ProcessingLogJournalProgress1796000060000,
];
