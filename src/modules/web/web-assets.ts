import helmet from '@fastify/helmet';
// Brings in the reply.sendFile typing (the plugin itself is registered by useStaticAssets).
import type {} from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { projectRoot } from '../../common/project-root';

/** The folder of the web pages (plain HTML, CSS and ES modules; no build step). */
export const WEB_ROOT = join(projectRoot(), 'web');

/**
 * The browser libraries the pages load, served from node_modules under `/vendor/`. An explicit whitelist: nothing
 * else in node_modules is reachable.
 */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  'leaflet/leaflet.js': 'leaflet/dist/leaflet.js',
  'leaflet/leaflet.css': 'leaflet/dist/leaflet.css',
  'leaflet/images/layers.png': 'leaflet/dist/images/layers.png',
  'leaflet/images/layers-2x.png': 'leaflet/dist/images/layers-2x.png',
  'leaflet/images/marker-icon.png': 'leaflet/dist/images/marker-icon.png',
  'leaflet/images/marker-icon-2x.png': 'leaflet/dist/images/marker-icon-2x.png',
  'leaflet/images/marker-shadow.png': 'leaflet/dist/images/marker-shadow.png',
  'geoman/leaflet-geoman.js': '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.min.js',
  'geoman/leaflet-geoman.css': '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css',
  'oidc-client-ts/oidc-client-ts.js': 'oidc-client-ts/dist/browser/oidc-client-ts.min.js',
  'chart.js/chart.umd.js': 'chart.js/dist/chart.umd.min.js',
  'utrecht/component-library.css': '@utrecht/component-library-css/dist/index.css',
  'design-tokens/theme.css': '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css',
};

function originOf(url: string | null | undefined): string[] {
  if (!url) return [];
  // A tile template may hold {s} sub-domains: allow the host pattern with a wildcard there.
  const m = /^(https?:\/\/[^/]+)/.exec(url.replace(/\{s\}/g, '*'));
  return m ? [m[1]] : [];
}

/**
 * helmet's content security policy, tightened for the pages: scripts only from this origin (no inline scripts),
 * images also from the configured tile host, connections also to the OpenID Connect issuer. Inline style
 * attributes stay allowed (Leaflet positions its tiles and markers with them; the OpenAPI docs page needs them).
 */
export function contentSecurityPolicy(config: AppConfig) {
  const defaults = helmet.contentSecurityPolicy.getDefaultDirectives();
  return {
    directives: {
      ...defaults,
      'img-src': ["'self'", 'data:', 'blob:', ...originOf(config.web.tileUrl)],
      'connect-src': ["'self'", ...originOf(config.web.oidc?.issuer)],
      'worker-src': ["'none'"],
      'frame-src': ["'none'"],
    },
  };
}

/**
 * Serves the web pages from `web/` as multi-page HTML (each page its own file and URL, so no client-side routing
 * and no fallback route), and the whitelisted browser libraries under `/vendor/`.
 */
export function registerWebAssets(app: NestFastifyApplication): void {
  const modules = join(projectRoot(), 'node_modules');
  app.useStaticAssets({ root: WEB_ROOT, prefix: '/', index: ['index.html'], wildcard: true, cacheControl: true, maxAge: 0 });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/vendor/*', (request, reply) => {
    const wanted = (request.params as Record<string, string>)['*'];
    const file = Object.prototype.hasOwnProperty.call(VENDOR_FILES, wanted) ? join(modules, VENDOR_FILES[wanted]) : undefined;
    if (!file || !existsSync(file)) return reply.callNotFound();
    return reply.header('Cache-Control', 'public, max-age=3600').sendFile(basename(file), dirname(file));
  });
}
