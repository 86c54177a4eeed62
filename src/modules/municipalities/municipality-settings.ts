import type {
  ApvAreaBanConfig,
  ApvMandate,
  MunicipalityConfig,
  RuleNumbers,
} from '../../domain/municipality/municipality-config';

/** The configurable part of a municipality, stored as one JSON document (`municipality.config`). */
export interface MunicipalitySettings {
  apv?: ApvAreaBanConfig;
  mandates?: ApvMandate[];
  numbers?: Partial<RuleNumbers>;
  extraHolidays?: string[];
  policyRulesAsErrors?: string[];
}

/** The domain's view of a municipality, as the rules consume it. */
export function toMunicipalityConfig(m: {
  code: string;
  name: string;
  timeZone: string;
  boundary: MunicipalityConfig['boundary'] | null;
  config: MunicipalitySettings;
}): MunicipalityConfig {
  return {
    code: m.code,
    name: m.name,
    timeZone: m.timeZone,
    boundary: m.boundary ?? undefined,
    apv: m.config.apv,
    mandates: m.config.mandates ?? [],
    prosecutorOrders: [],
    numbers: m.config.numbers ?? {},
    extraHolidays: m.config.extraHolidays ?? [],
    policyRulesAsErrors: m.config.policyRulesAsErrors ?? [],
  };
}
