import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { MunicipalitySettings } from './municipality-settings';

@Entity({ name: 'municipality' })
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ type: 'jsonb', nullable: true })
  boundary: Polygon | MultiPolygon | null;

  @Column({ type: 'jsonb' })
  config: MunicipalitySettings;

  @Column({ name: 'is_demo', type: 'boolean' })
  isDemo: boolean;

  @Column({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
