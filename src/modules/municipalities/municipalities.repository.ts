import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MunicipalityEntity } from './municipality.entity';

@Injectable()
export class MunicipalitiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<MunicipalityEntity | null> {
    return manager.findOne(MunicipalityEntity, { where: { code } });
  }

  /** Summaries (no boundaries) of the given municipalities, or of all when `codes` is undefined. */
  listSummaries(codes?: string[]): Promise<Pick<MunicipalityEntity, 'code' | 'name' | 'isDemo'>[]> {
    return this.dataSource.manager.find(MunicipalityEntity, {
      select: { code: true, name: true, isDemo: true },
      where: codes ? { code: In(codes) } : {},
      order: { code: 'ASC' },
    });
  }

  /**
   * Saves a changed municipality if nobody saved it since `expectedVersion`; returns false when someone did.
   * The version check and the write are one statement, so two concurrent edits cannot both land.
   */
  async saveIfVersion(manager: EntityManager, next: MunicipalityEntity, expectedVersion: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MunicipalityEntity)
      .set({
        name: next.name,
        timeZone: next.timeZone,
        boundary: next.boundary as never,
        config: next.config as never,
        version: expectedVersion + 1,
      })
      .where('code = :code AND version = :expectedVersion', { code: next.code, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async insert(manager: EntityManager, m: Omit<MunicipalityEntity, 'createdAt' | 'updatedAt' | 'version'>): Promise<void> {
    await manager.insert(MunicipalityEntity, { ...m, version: 1 } as never);
  }
}
