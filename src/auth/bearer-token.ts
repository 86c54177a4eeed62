import type { FastifyRequest } from 'fastify';

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/** The token of a well-formed `Authorization: Bearer <token>` header, else undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}
