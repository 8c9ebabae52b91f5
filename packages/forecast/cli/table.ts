/** Prints rows as an aligned text table (numbers to 3 decimals). */
export function formatTable(rows: readonly Record<string, unknown>[]): string {
  const first = rows[0];
  if (first === undefined) return '(no rows)';

  const keys = Object.keys(first);
  const cell = (v: unknown): string =>
    typeof v === 'number'
      ? Number.isInteger(v)
        ? String(v)
        : v.toFixed(3)
      : String(v);
  const widths = keys.map((k) =>
    Math.max(k.length, ...rows.map((r) => cell(r[k]).length)),
  );
  const line = (values: string[]): string =>
    values.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  return [
    line(keys),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(keys.map((k) => cell(r[k])))),
  ].join('\n');
}
