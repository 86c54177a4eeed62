import type { Position } from 'geojson';
import { crs84ToRdNew } from '../geometry/rd-new';
import { polygonsOf, type ZoneGeometry } from '../geometry/zone-geometry';

/** Colours of the map; the fill is distinctive so a rendered letter can be checked for the drawn zone. */
export const ZONE_FILL = '#d6336c';
export const ZONE_STROKE = '#7a0a33';

export interface ZoneMapOptions {
  /** Size of the map in SVG user units (the PDF renderer maps them 1:1 to points). */
  width: number;
  height: number;
}

export interface ZoneMap {
  svg: string;
  /** Drawing units per metre of RD New (the map's scale). */
  unitsPerMetre: number;
  /** The scale bar: a round length in metres and its drawn length in units. */
  scaleBar: { metres: number; length: number; label: string };
}

const MARGIN = 16;
const BAND = 34; // room under the zone for the scale bar

/**
 * Draws a zone as a vector map: projects its CRS84 geometry to RD New (EPSG:28992, metres, so the scale is uniform
 * over a municipality), fits it into the box with a margin, draws every polygon with its holes as one path with
 * fill-rule evenodd, and adds a scale bar of a round length (1, 2 or 5 × 10^n m) and a north arrow (grid north of
 * RD New, within about 2° of true north anywhere in the Netherlands).
 */
export function zoneMapSvg(geometry: ZoneGeometry, options: ZoneMapOptions): ZoneMap {
  const rings = polygonsOf(crs84ToRdNew(geometry)).flat();
  const [minX, minY, maxX, maxY] = extent(rings);
  const spanX = Math.max(maxX - minX, 1);
  const spanY = Math.max(maxY - minY, 1);
  const boxW = options.width - 2 * MARGIN;
  const boxH = options.height - 2 * MARGIN - BAND;
  const unitsPerMetre = Math.min(boxW / spanX, boxH / spanY);
  const offX = MARGIN + (boxW - spanX * unitsPerMetre) / 2;
  const offY = MARGIN + (boxH - spanY * unitsPerMetre) / 2;
  const project = ([x, y]: Position): string => `${fmt(offX + (x - minX) * unitsPerMetre)} ${fmt(offY + (maxY - y) * unitsPerMetre)}`;
  const d = rings.map((ring) => `M${ring.map(project).join('L')}Z`).join('');
  const metres = roundLength(boxW / unitsPerMetre / 4);
  const scaleBar = { metres, length: metres * unitsPerMetre, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${options.height}" viewBox="0 0 ${options.width} ${options.height}">`,
    `<rect x="0.5" y="0.5" width="${options.width - 1}" height="${options.height - 1}" fill="#ffffff" stroke="#5c5c5c" stroke-width="1"/>`,
    `<path id="zone" d="${d}" fill="${ZONE_FILL}" fill-rule="evenodd" stroke="${ZONE_STROKE}" stroke-width="1.2" stroke-linejoin="round"/>`,
    scaleBarSvg(scaleBar, MARGIN, options.height - MARGIN),
    northArrowSvg(options.width - MARGIN - 14, MARGIN),
    '</svg>',
  ].join('');
  return { svg, unitsPerMetre, scaleBar };
}

/** Bounding box `[minX, minY, maxX, maxY]` of projected rings. */
function extent(rings: Position[][]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** The largest 1, 2 or 5 × 10^n not above `target` (at least 1 m). */
export function roundLength(target: number): number {
  if (!(target >= 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [5, 2, 1].find((s) => s * power <= target) ?? 1;
  return step * power;
}

/** A two-part black-and-white bar with its length written beside it; `y` is the bar's bottom. */
function scaleBarSvg(bar: ZoneMap['scaleBar'], x: number, y: number): string {
  const half = bar.length / 2;
  return [
    `<g id="scale-bar" data-metres="${bar.metres}" data-length="${fmt(bar.length)}">`,
    `<rect x="${fmt(x)}" y="${fmt(y - 6)}" width="${fmt(half)}" height="6" fill="#000000" stroke="#000000" stroke-width="0.6"/>`,
    `<rect x="${fmt(x + half)}" y="${fmt(y - 6)}" width="${fmt(half)}" height="6" fill="#ffffff" stroke="#000000" stroke-width="0.6"/>`,
    `<text x="${fmt(x)}" y="${fmt(y - 10)}" font-size="9" fill="#000000">0</text>`,
    `<text x="${fmt(x + bar.length + 4)}" y="${fmt(y)}" font-size="9" fill="#000000">${bar.label}</text>`,
    '</g>',
  ].join('');
}

/** An arrow pointing up with an "N" under it; (x, y) is the arrow's tip. */
function northArrowSvg(x: number, y: number): string {
  return [
    '<g id="north-arrow">',
    `<path d="M${fmt(x)} ${fmt(y)}L${fmt(x + 7)} ${fmt(y + 20)}L${fmt(x)} ${fmt(y + 15)}Z" fill="#000000"/>`,
    `<path d="M${fmt(x)} ${fmt(y)}L${fmt(x - 7)} ${fmt(y + 20)}L${fmt(x)} ${fmt(y + 15)}Z" fill="#ffffff" stroke="#000000" stroke-width="0.6"/>`,
    `<text x="${fmt(x - 3.5)}" y="${fmt(y + 32)}" font-size="10" fill="#000000">N</text>`,
    '</g>',
  ].join('');
}

function fmt(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}
