import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How many order versions and persons the register holds: every announced change adds exactly one of either. */
export interface RegisterFingerprint {
  orderVersions: number;
  persons: number;
}

@Injectable()
export class RegisterSyncRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async fingerprint(): Promise<RegisterFingerprint> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM order_version)::int AS "orderVersions", (SELECT count(*) FROM person)::int AS persons`,
    );
    return { orderVersions: row.orderVersions, persons: row.persons };
  }
}
