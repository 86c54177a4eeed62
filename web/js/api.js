import { clearSession, currentSession } from './session.js';

export const API = '/api/v1';

/** A problem+json answer of the API (RFC 9457), with its field errors or rule findings. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

function headersFor(extra = {}) {
  const session = currentSession();
  const headers = { ...extra };
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  return headers;
}

async function send(path, { method = 'GET', body, headers = {}, accept = 'application/json' } = {}) {
  const init = { method, headers: headersFor({ Accept: accept, ...headers }) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(API + path, init);
  if (res.status === 401 && currentSession()) {
    clearSession();
    location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}&expired=1`);
  }
  if (!res.ok) {
    const type = res.headers.get('content-type') ?? '';
    const problem = type.includes('json') ? await res.json().catch(() => ({})) : { detail: await res.text() };
    throw new ApiError(res.status, problem);
  }
  return res;
}

/** JSON in, JSON out. */
export async function api(path, options) {
  const res = await send(path, options);
  return res.status === 204 ? null : res.json();
}

/** The JSON body and the response headers (ETag, …). */
export async function apiWithHeaders(path, options) {
  const res = await send(path, options);
  return { body: await res.json(), headers: res.headers };
}

/** Fetches a file with the bearer token and hands it to the browser as a download. */
export async function download(path, accept, filename) {
  const res = await send(path, { accept });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = named ?? filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return a.download;
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
