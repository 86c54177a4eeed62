// Leaflet maps (global `L`, loaded by the page as a classic script from /vendor/). The base map is the configured
// tile service (PDOK BRT achtergrondkaart); without one, zones are drawn on a plain background.
import { api } from './api.js';

let configPromise;
export const uiConfig = () => (configPromise ??= fetch('/api/v1/ui/config').then((r) => r.json()));

const NETHERLANDS = [[50.75, 3.36], [53.55, 7.23]];

export async function createMap(container, { label }) {
  const config = await uiConfig();
  L.Icon.Default.imagePath = '/vendor/leaflet/images/';
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', label);
  const map = L.map(container, { keyboard: true, zoomSnap: 0.5 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: escapeText(config.tileAttribution) }).addTo(map);
  } else {
    container.classList.add('map--plain');
    map.attributionControl.addAttribution('Geen achtergrondkaart ingesteld');
  }
  map.fitBounds(NETHERLANDS);
  return map;
}

function escapeText(text) {
  const div = document.createElement('div');
  div.textContent = text ?? '';
  return div.innerHTML;
}

export const ZONE_STYLE = { color: '#1f4e9c', weight: 2, fillOpacity: 0.15 };
export const OLD_VERSION_STYLE = { color: '#6b6b6b', weight: 2, dashArray: '6 4', fillOpacity: 0.05 };

/** A zone at the version an order holds, found by the version's id (evidence names ids, not numbers). */
export async function zoneAtVersionId(zoneId, zoneVersionId) {
  const versions = await api(`/zones/${zoneId}/versions`);
  const match = versions.find((v) => v.zoneVersionId === zoneVersionId) ?? versions.at(-1);
  return api(`/zones/${zoneId}/versions/${match.version}`);
}

/** Fits the map to the layers given (if any has bounds). */
export function fitTo(map, layers, maxZoom = 17) {
  const group = L.featureGroup(layers.filter(Boolean));
  const bounds = group.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom });
}
