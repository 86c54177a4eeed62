import type { OrderAction } from '../order/lifecycle';
import type { OrderState } from '../order/order';
import type { MunicipalityConfig } from '../municipality/municipality-config';
import type { ZoneGeometry } from '../geometry/zone-geometry';

/** The two letters the register writes: the intent notice (voornemen, Awb 4:8) and the decision (beschikking). */
export type LetterKind = 'INTENT' | 'DECISION';

/** A zone version an order holds, as the letter shows it: the map is drawn from exactly this geometry. */
export interface LetterZone {
  zoneVersionId: string;
  zoneId: string;
  name: string;
  version: number;
  geometryHash: string;
  geometry: ZoneGeometry;
}

/** Everything a letter is composed from: one stored order version and what it refers to. */
export interface LetterInput {
  kind: LetterKind;
  orderId: string;
  /** The order's register reference, e.g. "GM1706-2026-1A2B3C4D". */
  reference: string;
  order: OrderState;
  version: number;
  /** The change that wrote this version (ISSUE, EXTEND, AMEND, SEND_INTENT, ...). */
  changeKind: OrderAction;
  /** When this version was stored (RFC 3339): the letter's date and the PDF's creation date. */
  versionCreatedAt: string;
  municipality: MunicipalityConfig;
  person: { name: string; dateOfBirth?: string };
  /** The zone versions the order's measures hold (`measures[].zoneVersionIds`). */
  zones: LetterZone[];
}

/** A section of the letter: a heading, paragraphs, an optional list, and (one section) the maps. */
export interface LetterSection {
  heading: string;
  paragraphs: string[];
  items?: string[];
  /** The zone maps are drawn at the end of this section. */
  showsMaps?: boolean;
}

/** A composed letter in Dutch, ready for any renderer (PDF here). */
export interface LetterModel {
  kind: LetterKind;
  title: string;
  municipalityName: string;
  /** "Cranendonck, 4 december 2026". */
  placeAndDate: string;
  reference: string;
  addressee: string[];
  salutation: string;
  sections: LetterSection[];
  maps: LetterZone[];
  signature: { closing: string; lines: string[] };
  /** Fixed document date (the version's), so the same version renders the same PDF. */
  documentDate: string;
  fileName: string;
  /** The AWB-6-7-OBJECTION-TERM deadline ("YYYY-MM-DD") when the decision states one. */
  objectionDeadline?: string;
}
