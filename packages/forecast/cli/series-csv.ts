/**
 * Reads a wide CSV of series (a header of series names, one row per
 * period, like carparts.csv): each column becomes a series. Empty cells
 * at the start or end of a column are trimmed; a column with a gap or a
 * non-number inside is returned in `rejected` with the reason.
 */
export function parseSeriesCsv(text: string): {
  series: { id: string; values: number[] }[];
  rejected: { id: string; reason: string }[];
} {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines.map(splitCsvLine);
  if (header === undefined) return { series: [], rejected: [] };

  const series: { id: string; values: number[] }[] = [];
  const rejected: { id: string; reason: string }[] = [];
  // A first column named like a date or index is not a series.
  const first = /^(|date|month|week|period|t|time|index)$/i.test(
    header[0] ?? '',
  )
    ? 1
    : 0;
  for (let c = first; c < header.length; c++) {
    const id = header[c] ?? `col${c}`;
    const cells = rows.map((r) => (r[c] ?? '').trim());
    const start = cells.findIndex((x) => x !== '');
    const end = cells.length - [...cells].reverse().findIndex((x) => x !== '');
    if (start < 0) {
      rejected.push({ id, reason: 'empty' });
      continue;
    }
    const values = cells.slice(start, end).map(Number);
    if (values.some((v, i) => cells[start + i] === '' || !Number.isFinite(v))) {
      rejected.push({ id, reason: 'gap or non-number inside' });
      continue;
    }
    series.push({ id, values });
  }
  return { series, rejected };
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
