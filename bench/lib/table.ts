/** Plain-text tables for the benchmark's report. */

export type Align = 'l' | 'r';

/** Renders rows under a header, columns padded to their widest cell; `aligns` per column (default right). */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => ((aligns[c] ?? 'r') === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A count with thousands separators. */
export const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** Microseconds: two decimals below 10, one below 100, whole above. */
export function micros(us: number): string {
  if (us < 10) return us.toFixed(2);
  if (us < 100) return us.toFixed(1);
  return int(us);
}

/** A ratio such as 412×. */
export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${ratio < 10 ? ratio.toFixed(1) : int(ratio)}×`;
}

export const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
