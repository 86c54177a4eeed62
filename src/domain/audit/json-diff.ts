/**
 * What an audit event changed: the leaves of two JSON documents (the `before` and `after` of an event) that differ,
 * each with its path (`procedure.notifiedAt`, `extensions[2].newEnd`) and both values. A value absent on one side is
 * `undefined` there (serialised as a missing field).
 */

export interface JsonChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

function walk(before: unknown, after: unknown, path: string, out: JsonChange[]): void {
  if (jsonEqual(before, after)) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], join(path, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], join(path, i), out);
    return;
  }
  const change: JsonChange = { path: path || '$' };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  out.push(change);
}

/**
 * The changed leaves from `before` to `after`, in path order (object keys sorted, array items by index). Objects and
 * arrays are compared member by member; a change of type (object to string, say) is one change at that path. Equal
 * documents give no change; a null or missing `before` (a creation) gives one change per field of `after` (and a
 * change at `$` when there is no field to list).
 */
export function jsonDiff(before: unknown, after: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  const b = before === null ? undefined : before;
  const a = after === null ? undefined : after;
  if (b === undefined && isObject(a)) walk({}, a, '', out);
  else if (a === undefined && isObject(b)) walk(b, {}, '', out);
  else walk(b, a, '', out);
  // An empty object created or removed has no fields to list: the document itself changed.
  if (out.length === 0 && !jsonEqual(b, a)) out.push({ path: '$', ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) });
  return out;
}
