import { rdNewToCrs84 } from '../../domain/geometry/rd-new';
import type { FieldProblem, ZoneGeometry } from '../../domain/geometry/zone-geometry';
import { validateZoneGeometry } from '../../domain/geometry/zone-validation';
import { DomainError } from '../../domain/shared/domain-error';

/** The coordinate reference systems a zone may be sent in. */
export type InputCrs = 'CRS84' | 'RD_NEW';

/** The `Content-Crs` value of every geometry this API returns. */
export const RESPONSE_CRS = 'OGC:CRS84';

const CRS_NAMES: Record<string, InputCrs> = {
  'OGC:CRS84': 'CRS84',
  'EPSG:4326': 'CRS84', // GeoJSON is always lon/lat, so 4326 here means the same axis order as CRS84
  'HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84': 'CRS84',
  'HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4326': 'CRS84',
  'EPSG:28992': 'RD_NEW',
  'HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/28992': 'RD_NEW',
};

/**
 * Reads the `Content-Crs` request header: absent means CRS84; a CURIE (`EPSG:28992`), a safe CURIE
 * (`[EPSG:28992]`) or an OGC URI (`<http://www.opengis.net/def/crs/EPSG/0/28992>`) names one we know. Anything else
 * is refused rather than guessed at, because a zone read in the wrong system lands kilometres away.
 */
export function parseContentCrs(header: string | undefined): InputCrs {
  if (header === undefined) return 'CRS84';
  const name = header.trim().replace(/^<(.*)>$/, '$1').replace(/^\[(.*)\]$/, '$1').toUpperCase();
  const crs = CRS_NAMES[name];
  if (crs) return crs;
  const message = 'Content-Crs must be OGC:CRS84 (the default), EPSG:4326 or EPSG:28992 (RD New)';
  throw new DomainError('INVALID_INPUT', message, {
    errors: [{ field: 'Content-Crs', code: 'unsupportedCrs', message: `${message}; got "${header}"` }],
  });
}

/**
 * The zone geometry of a request body, validated and in CRS84 (unwrapped from a Feature, 2D, no repeated
 * positions). Throws INVALID_INPUT naming each offending field, e.g. `geometry.coordinates[0][3]`.
 */
export function readZoneGeometry(input: unknown, crs: InputCrs, field = 'geometry'): ZoneGeometry {
  if (crs === 'RD_NEW') {
    const rdProblems = rdNewProblems(input, field);
    if (rdProblems.length) throw invalidGeometry(rdProblems);
  }
  const { problems, geometry } = validateZoneGeometry(crs === 'RD_NEW' ? rdNewToCrs84(input) : input, { field });
  if (!geometry) throw invalidGeometry(problems);
  return geometry;
}

function invalidGeometry(problems: FieldProblem[]): DomainError {
  const fields = [...new Set(problems.map((p) => p.field))].join(', ');
  return new DomainError('INVALID_INPUT', `The zone geometry is invalid: ${fields}`, { errors: problems });
}

/** EPSG area of use of RD New, in metres: a position outside it was not measured in RD New. */
const RD_EXTENT = { minX: -7_000, minY: 289_000, maxX: 300_000, maxY: 629_000 };

const MAX_PROBLEMS = 50;

/**
 * Positions of an RD New body that cannot be RD New metres. The conversion would turn lon/lat numbers into a point
 * in France without complaint, so they are caught here, before converting. Positions that are not pairs of numbers
 * are left to `validateZoneGeometry`, which names them after conversion (the conversion passes them through).
 */
export function rdNewProblems(input: unknown, field = 'geometry'): FieldProblem[] {
  const g = input as { type?: unknown; geometry?: unknown; coordinates?: unknown } | null;
  const geometry = g?.type === 'Feature' ? (g.geometry as { coordinates?: unknown } | null) : g;
  const problems: FieldProblem[] = [];
  visitPositions(geometry?.coordinates, `${field}.coordinates`, (x, y, path) => {
    const problem = rdPositionProblem(x, y, path);
    if (problem && problems.length < MAX_PROBLEMS) problems.push(problem);
  });
  return problems;
}

function visitPositions(value: unknown, path: string, visit: (x: number, y: number, path: string) => void): void {
  if (!Array.isArray(value)) return;
  if (typeof value[0] === 'number' && typeof value[1] === 'number') return visit(value[0], value[1], path);
  value.forEach((item, i) => visitPositions(item, `${path}[${i}]`, visit));
}

function rdPositionProblem(x: number, y: number, field: string): FieldProblem | undefined {
  const within = (a: number, b: number) => a >= RD_EXTENT.minX && a <= RD_EXTENT.maxX && b >= RD_EXTENT.minY && b <= RD_EXTENT.maxY;
  if (!Number.isFinite(x) || !Number.isFinite(y) || within(x, y)) return undefined;
  const code = 'OUTSIDE_RD_NEW';
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) {
    const message = `[${x}, ${y}] looks like longitude/latitude, not RD New metres: send it without Content-Crs: EPSG:28992`;
    return { field, code: 'NOT_RD_NEW', message };
  }
  if (within(y, x)) return { field, code, message: `[${x}, ${y}] lies outside RD New; x and y look swapped` };
  const area = `x ${RD_EXTENT.minX}..${RD_EXTENT.maxX}, y ${RD_EXTENT.minY}..${RD_EXTENT.maxY}`;
  return { field, code, message: `[${x}, ${y}] lies outside the area of RD New (${area} metres)` };
}
