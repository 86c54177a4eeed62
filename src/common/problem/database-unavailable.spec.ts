import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

function sysError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, syscall });
}

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('isDatabaseUnavailable', () => {
  it.each<[string, unknown]>([
    ['connection refused', sysError('ECONNREFUSED', 'connect')],
    ['a Unix socket that is gone', sysError('ENOENT', 'connect')],
    ['both addresses of localhost refused (AggregateError)', Object.assign(new AggregateError([sysError('ECONNREFUSED', 'connect'), sysError('ECONNREFUSED', 'connect')]), { code: 'ECONNREFUSED' })],
    ['a reset connection', sysError('ECONNRESET', 'read')],
    ['pg: connection cut', new Error('Connection terminated unexpectedly')],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    ['pg: read timeout', new Error('Query read timeout')],
    ['server shutting down (57P01) inside a QueryFailedError', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['connection exception class 08', pgError('08006', 'connection failure')],
    ['statement timeout (57014)', new QueryFailedError('SELECT 1', [], pgError('57014', 'canceling statement due to statement timeout'))],
    ['a wrapped cause', Object.assign(new Error('outer'), { cause: sysError('ETIMEDOUT', 'connect') })],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a missing file (not a connection)', sysError('ENOENT', 'open')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
    ['nothing', undefined],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('does not loop on a cause that points at itself', () => {
    const e = new Error('loop') as Error & { cause?: unknown };
    e.cause = e;
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
