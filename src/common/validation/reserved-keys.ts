/**
 * Keys no request body of this API has: the names of `Object.prototype`'s members (`__proto__`, `constructor`,
 * `hasOwnProperty`, `toString`, ...) and `prototype`. JSON parsing keeps them as own properties; the DTO transform and
 * validation drop or skip them silently, so without this check they would pass as if absent.
 */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
/** Deeper than any body of this API; deeper bodies are refused rather than walked. */
const MAX_DEPTH = 64;

/**
 * The path of the first reserved key in a parsed JSON body, or of the first
 * value nested deeper than the API ever nests, or undefined. Iterative, so hostile nesting cannot exhaust the stack.
 */
export function reservedKeyPath(body: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return path || '(body)';
    for (const key of Object.keys(value)) {
      const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && RESERVED.has(key)) return at;
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return undefined;
}
