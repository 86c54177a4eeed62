import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../auth/actor';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { projectRoot } from '../../common/project-root';
import { geometryHash } from '../../domain/geometry/geometry-hash';
import { geometryBbox, vertexCount } from '../../domain/geometry/zone-geometry';
import { AuditService } from '../audit/audit.service';
import { SeedRepository } from './seed.repository';

export const BOUNDARIES_SEED = 'cbs-municipal-boundaries-2025';
export const DEMO_SEED = 'demo-data-v1';

interface DemoFile {
  municipalities: {
    code: string;
    name: string;
    timeZone: string;
    config: Record<string, unknown>;
    zones: { name: string; description?: string; geometry: Polygon | MultiPolygon }[];
  }[];
}

const SEED_ACTOR = { ...SYSTEM_ACTOR, sub: 'system:seed' };

function fixture<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(projectRoot(), 'fixtures', ...path), 'utf8')) as T;
}

/**
 * Loads reference data (all municipalities with their CBS/PDOK boundaries) and, outside production, the demo data,
 * each exactly once per database: `seed_history` records what was loaded, so demo data someone deleted stays deleted.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SeedRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async loadOnce(): Promise<string[]> {
    const loaded: string[] = [];
    if (await this.loadBoundaries()) loaded.push(BOUNDARIES_SEED);
    if (this.config.demoData && (await this.loadDemo())) loaded.push(DEMO_SEED);
    return loaded;
  }

  private loadBoundaries(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.claim(manager, BOUNDARIES_SEED))) return false;
      const fc = fixture<FeatureCollection<Polygon | MultiPolygon>>('municipalities', 'gemeente_2025_wgs84.geojson');
      const rows = fc.features.map((f) => ({ code: f.properties!.statcode, name: f.properties!.statnaam, boundary: f.geometry }));
      const inserted = await this.repository.upsertMunicipalities(manager, rows);
      await this.audit.record(manager, SEED_ACTOR, {
        action: 'reference-data.loaded',
        entityType: 'system',
        entityId: BOUNDARIES_SEED,
        after: { municipalities: inserted.length, source: 'CBS/Kadaster via PDOK (simplified, cartomap/nl)' },
      });
      this.logger.log(`Loaded ${inserted.length} municipalities with their 2025 boundaries`);
      return true;
    });
  }

  private loadDemo(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.claim(manager, DEMO_SEED))) return false;
      const demo = fixture<DemoFile>('demo', 'demo-data.json');
      for (const m of demo.municipalities) {
        await this.repository.configureDemoMunicipality(manager, m.code, m.timeZone, m.config);
        const zoneIds = [];
        for (const z of m.zones) {
          zoneIds.push(
            await this.repository.insertZone(
              manager,
              { municipalityCode: m.code, ...z, bbox: geometryBbox(z.geometry), vertexCount: vertexCount(z.geometry), geometryHash: geometryHash(z.geometry) },
              SEED_ACTOR.sub,
            ),
          );
        }
        await this.audit.record(manager, SEED_ACTOR, {
          action: 'demo-data.loaded',
          entityType: 'municipality',
          entityId: m.code,
          municipalityCode: m.code,
          after: { config: m.config, zoneIds },
          reason: 'demo data',
        });
      }
      this.logger.log(`Loaded demo data for ${demo.municipalities.map((m) => m.code).join(', ')}`);
      return true;
    });
  }
}
