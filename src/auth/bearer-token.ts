import type { FastifyRequest } from 'fastify';

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/**
 * The token of each request read so far: the rate-limit and auth guards both ask for it, and the one string (its hash
 * computed once) serves both lookups in the verifier's cache. Entries go with their requests.
 */
const tokens = new WeakMap<FastifyRequest, string | undefined>();

/** The token of a well-formed `Authorization: Bearer <token>` header, else undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  if (tokens.has(request)) return tokens.get(request);
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  tokens.set(request, token);
  return token;
}
