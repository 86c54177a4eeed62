import { metresPerDegreeLat, metresPerDegreeLon } from '../../src/domain/geometry/local-metric';

/**
 * Just enough geography of the Netherlands for realistic benchmark data: a coarse mainland outline ("land-ish": the
 * IJsselmeer is inside, the Wadden islands are not) and the 40 largest places, where most orders and checks are.
 */

export interface City {
  name: string;
  lon: number;
  lat: number;
  /** Inhabitants in thousands (2024, rounded): how many orders and persons the city gets. */
  population: number;
}

export const CITIES: readonly City[] = [
  ['Amsterdam', 4.895, 52.372, 930], ['Rotterdam', 4.479, 51.922, 670], ['Den Haag', 4.3, 52.078, 560],
  ['Utrecht', 5.121, 52.091, 370], ['Eindhoven', 5.478, 51.441, 240], ['Groningen', 6.566, 53.219, 240],
  ['Tilburg', 5.091, 51.56, 230], ['Almere', 5.214, 52.37, 220], ['Breda', 4.776, 51.589, 185],
  ['Nijmegen', 5.853, 51.842, 180], ['Apeldoorn', 5.969, 52.211, 165], ['Arnhem', 5.898, 51.985, 165],
  ['Haarlem', 4.637, 52.381, 165], ['Enschede', 6.894, 52.221, 160], ['Amersfoort', 5.387, 52.156, 160],
  ['Zaanstad', 4.826, 52.457, 160], ["'s-Hertogenbosch", 5.304, 51.69, 160], ['Zwolle', 6.094, 52.512, 130],
  ['Leeuwarden', 5.796, 53.201, 125], ['Leiden', 4.497, 52.16, 125], ['Maastricht', 5.69, 50.851, 120],
  ['Dordrecht', 4.69, 51.813, 120], ['Ede', 5.666, 52.04, 120], ['Alkmaar', 4.748, 52.632, 110],
  ['Emmen', 6.906, 52.786, 107], ['Delft', 4.358, 52.012, 105], ['Venlo', 6.172, 51.37, 100],
  ['Deventer', 6.163, 52.255, 100], ['Helmond', 5.661, 51.479, 93], ['Oss', 5.518, 51.765, 93],
  ['Hilversum', 5.176, 52.224, 92], ['Sittard-Geleen', 5.869, 51.0, 91], ['Heerlen', 5.981, 50.888, 87],
  ['Lelystad', 5.471, 52.518, 80], ['Roosendaal', 4.465, 51.531, 77], ['Gouda', 4.709, 52.012, 74],
  ['Assen', 6.563, 52.993, 69], ['Den Helder', 4.759, 52.959, 56], ['Middelburg', 3.611, 51.499, 49],
  ['Harderwijk', 5.621, 52.342, 48],
].map(([name, lon, lat, population]) => ({ name, lon, lat, population }) as City);

/** The mainland border and coast, clockwise from Cadzand, to within a few kilometres. */
const OUTLINE: readonly [number, number][] = [
  [3.36, 51.37], [3.8, 51.21], [4.24, 51.36], [4.4, 51.45], [4.8, 51.42], [5.1, 51.43], [5.24, 51.27],
  [5.57, 51.22], [5.85, 51.15], [5.75, 51.03], [5.7, 50.76], [6.02, 50.75], [6.08, 50.9], [5.9, 51.05],
  [6.08, 51.17], [6.22, 51.4], [6.05, 51.72], [6.0, 51.82], [6.17, 51.86], [6.4, 51.83], [6.72, 51.9],
  [6.83, 52.0], [6.75, 52.08], [7.06, 52.24], [6.98, 52.46], [6.75, 52.5], [7.05, 52.64], [7.2, 53.0],
  [7.21, 53.18], [6.9, 53.45], [6.2, 53.42], [5.85, 53.4], [5.4, 53.2], [5.05, 52.95], [4.75, 52.97],
  [4.55, 52.45], [4.25, 52.12], [4.05, 51.98], [3.65, 51.72], [3.45, 51.55],
];
const OUTLINE_BOX = [3.36, 50.75, 7.21, 53.45] as const;

/** Whether the point lies inside the coarse outline (crossing-number test). */
export function onLand(lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = OUTLINE.length - 1; i < OUTLINE.length; j = i++) {
    const [xi, yi] = OUTLINE[i];
    const [xj, yj] = OUTLINE[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A uniformly random point of the outline. */
export function randomOnLand(rand: () => number): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = OUTLINE_BOX;
  for (;;) {
    const lon = minLon + rand() * (maxLon - minLon);
    const lat = minLat + rand() * (maxLat - minLat);
    if (onLand(lon, lat)) return [lon, lat];
  }
}

/** The point `distanceM` metres from (lon, lat) in direction `angle` (radians, counter-clockwise from east). */
export function offsetPoint(lon: number, lat: number, distanceM: number, angle: number): [number, number] {
  return [
    lon + (distanceM * Math.cos(angle)) / metresPerDegreeLon(lat),
    lat + (distanceM * Math.sin(angle)) / metresPerDegreeLat(lat),
  ];
}

/** A uniformly random point of the disc of radius `radiusM` around (lon, lat). */
export function randomInDisc(rand: () => number, lon: number, lat: number, radiusM: number): [number, number] {
  return offsetPoint(lon, lat, radiusM * Math.sqrt(rand()), 2 * Math.PI * rand());
}

/** Draws indexes 0..n-1 with the given weights (cumulative table, binary search). */
export function weightedPicker(weights: readonly number[]): (rand: () => number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (rand) => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Log-uniform on [min, max]. */
export function logUniform(rand: () => number, min: number, max: number): number {
  return min * Math.pow(max / min, rand());
}
