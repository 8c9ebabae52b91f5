import type { BacktestDrop } from '../src/backtest/drop-replay';

const DAY_MS = 86_400_000;

/** Days after the close in which a payment still counts (payment lag). */
export const LATE_DAYS = 3;

interface CampaignRow {
  readonly id: number | string;
  readonly creator: number | string;
  readonly category: string;
  readonly online: string;
  readonly expires: string;
  readonly daily: readonly (readonly [string, number, number])[];
}

/**
 * Reads crowdfunding campaigns (one JSON object a line, the Catarse
 * format of the shared data) as drops: shop = creator, co-op = category.
 *
 * Dates of contributions are payment dates with no time of day: each
 * day's contributions are placed at noon UTC of that day. Payments dated
 * before `online` count as orders at the opening (the replay clamps them
 * to 0). Payments up to {@link LATE_DAYS} days after `expires` count in
 * the final total (a pledge paid late is still demand for the run);
 * later ones are dropped (they are not the campaign's pledges: some
 * fall months or a year after the close).
 *
 * Returns the drops and the line numbers that could not be read.
 */
export function parseCampaigns(text: string): {
  drops: BacktestDrop[];
  rejected: number[];
} {
  const drops: BacktestDrop[] = [];
  const rejected: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      drops.push(toDrop(JSON.parse(line) as CampaignRow));
    } catch {
      rejected.push(i + 1);
    }
  });
  return { drops, rejected };
}

function toDrop(row: CampaignRow): BacktestDrop {
  const startMs = parseUtc(row.online);
  const endMs = parseUtc(row.expires);
  if (!(endMs > startMs)) throw new Error('window ends before it starts');

  const arrivals = row.daily
    .map(([date, count]) => {
      if (!Number.isInteger(count) || count < 0) throw new Error('bad count');
      return { timeMs: parseUtc(date) + DAY_MS / 2, count };
    })
    .filter((a) => a.timeMs <= endMs + LATE_DAYS * DAY_MS);
  return {
    id: String(row.id),
    shop: String(row.creator),
    coop: row.category,
    startMs,
    endMs,
    arrivals,
  };
}

function parseUtc(text: string): number {
  const iso =
    text.length <= 10 ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`bad date ${text}`);
  return ms;
}
