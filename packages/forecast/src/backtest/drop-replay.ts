import type { QuantilePoint } from '../metrics/types';
import {
  DROP_LEVELS,
  DropForecast,
  forecastDropTotal,
} from '../preorder/forecast';
import { DropStats, type PastDrop } from '../preorder/history';
import { dropPriorFromStats } from '../preorder/prior';
import { realisedMarginCents } from '../plan/newsvendor';
import { ForecastInputError } from '../preorder/errors';
import {
  scoreDropForecast,
  summarizeDropScores,
  type DropScore,
  type DropScoreSummary,
} from './drop-score';
import { PooledRatioBaseline } from './pooled-baseline';

/**
 * A finished drop to replay: its shop, its co-op, its window and when
 * its orders arrived (epoch ms; orders before the opening count as made
 * at the opening, orders after the close count in the final total).
 */
export interface BacktestDrop {
  readonly id: string;
  readonly shop: string;
  readonly coop: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly arrivals: readonly {
    readonly timeMs: number;
    readonly count: number;
  }[];
}

/** Options of {@link replayDrops}. */
export interface DropReplayOptions {
  /** Moments of each window to forecast at, as fractions (0.25). */
  readonly moments: readonly number[];
  /** Critical ratios of the plans to judge (0.5, 0.7, 0.9). */
  readonly ratios?: readonly number[];
  /**
   * Which drops a forecast may learn from: `finished` (default) those
   * whose window had closed by the moment of the forecast, so nothing
   * is known that was not known then; `started` those that opened
   * before the drop did, with their final totals (looks ahead at drops
   * still running, as a looser benchmark protocol).
   */
  readonly history?: 'finished' | 'started';
  /**
   * How many of its latest drops a co-op's history remembers (default
   * 150; see {@link DropStats}). Shops remember all theirs.
   */
  readonly coopMemory?: number;
  /**
   * Condition forecasts (the model's and the baseline's) on a final
   * total of at least this (default 0). Set 1 for a data set that only
   * lists drops with at least one order.
   */
  readonly knownAtLeast?: number;
  /** Drops in history needed before a drop is scored (default 50). */
  readonly minHistory?: number;
  /** A clock in ms, to time the forecasts (the replay never reads one). */
  readonly clock?: () => number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Decision quality of plans at one critical ratio. */
export interface PlanScore {
  readonly criticalRatio: number;
  /** Lost margin against the oracle that knew demand, as a share of it. */
  readonly regretShare: number;
  /** Share of drops whose demand was at most the planned quantity. */
  readonly serviceLevel: number;
}

/** Figures of one method at one moment. */
export interface MethodFigures extends DropScoreSummary {
  readonly plans: readonly PlanScore[];
}

/** Figures of the model and of the pooled baseline at one moment. */
export interface MomentFigures {
  readonly at: number;
  readonly model: MethodFigures;
  readonly baseline: MethodFigures;
  /**
   * Mean time of one forecast (the posterior and its quantiles) and of
   * learning the prior it used from the shop's and co-op's history, when
   * a clock was given.
   */
  readonly msPerForecast: number | null;
  readonly msPerPrior: number | null;
}

/** The figures of a replay and the drops it could not use. */
export interface DropReplayResult {
  readonly moments: readonly MomentFigures[];
  /** Drops with unusable data (NaN times, negative counts, no window). */
  readonly rejected: readonly {
    readonly id: string;
    readonly reason: string;
  }[];
}

interface Prepared {
  readonly drop: BacktestDrop;
  readonly final: number;
  readonly past: PastDrop;
  /** Count by each moment. */
  readonly soFar: readonly number[];
}

/**
 * Replays finished drops in time order: each drop is forecast at each
 * moment from the drops that had already finished by then (its shop's
 * and its co-op's), and scored against its actual total, beside the
 * pooled-ratio baseline fed the same history. Drops with no order at all
 * are used as history but not scored (nothing to scale by).
 *
 * @example replayDrops(drops, { moments: [0.1, 0.25], ratios: [0.7] })
 */
export function replayDrops(
  drops: readonly BacktestDrop[],
  options: DropReplayOptions,
): DropReplayResult {
  const moments = options.moments;
  const ratios = options.ratios ?? [];
  const minHistory = options.minHistory ?? 50;
  const coopMemory = options.coopMemory ?? 150;
  const floor = options.knownAtLeast ?? 0;
  const started = options.history === 'started';
  const prepared: Prepared[] = [];
  const rejected: { id: string; reason: string }[] = [];
  for (const d of drops) {
    const reason = unusable(d);
    if (reason === null) prepared.push(prepare(d, moments));
    else rejected.push({ id: d.id, reason });
  }
  const known = (p: Prepared): number =>
    started ? p.drop.startMs : p.drop.endMs;

  type Event = {
    readonly at: number;
    readonly m: number;
    readonly p: Prepared;
  };
  const events: Event[] = [];
  for (const p of prepared) {
    moments.forEach((t, m) => {
      const { startMs, endMs } = p.drop;
      events.push({
        at: started ? startMs : startMs + t * (endMs - startMs),
        m,
        p,
      });
    });
  }
  events.sort((a, b) => a.at - b.at);
  const finished = [...prepared].sort((a, b) => known(a) - known(b));

  const shops = new Map<string, DropStats>();
  const coops = new Map<string, DropStats>();
  const baselines = moments.map(() => PooledRatioBaseline.create());
  const scores = moments.map(() => ({
    model: [] as DropScore[],
    baseline: [] as DropScore[],
    modelPlans: ratios.map(() => [] as [number, number][]),
    basePlans: ratios.map(() => [] as [number, number][]),
    ms: 0,
    msPrior: 0,
  }));

  let next = 0;
  let done = 0;
  for (const e of events) {
    while (next < finished.length && known(finished[next]!) < e.at) {
      const f = finished[next++]!;
      DropStats.add(statsOf(shops, f.drop.shop), f.past);
      DropStats.add(statsOf(coops, f.drop.coop, coopMemory), f.past);
      baselines.forEach((b, m) =>
        PooledRatioBaseline.add(b, f.soFar[m] ?? 0, f.final),
      );
    }
    done++;
    if (options.onProgress && done % 200 === 0)
      options.onProgress(done, events.length);
    if (next < minHistory || e.p.final < 1) continue;

    const n = e.p.soFar[e.m] ?? 0;
    const t = moments[e.m] ?? 0;
    const s = scores[e.m]!;
    const tic = options.clock?.() ?? 0;
    const prior = dropPriorFromStats(
      shops.get(e.p.drop.shop) ?? DropStats.empty(),
      coops.get(e.p.drop.coop) ?? DropStats.empty(),
    );
    const learnt = options.clock?.() ?? 0;
    const forecast = forecastDropTotal(prior, {
      at: t,
      count: n,
      atLeast: floor,
    });
    s.ms += (options.clock?.() ?? 0) - learnt;
    s.msPrior += learnt - tic;

    const base = baselines[e.m]!;
    const baseQuantiles: QuantilePoint[] = DROP_LEVELS.map((p) => ({
      p,
      value: Math.max(floor, PooledRatioBaseline.quantile(base, n, p)),
    }));
    s.model.push(scoreDropForecast(forecast.quantiles, e.p.final));
    s.baseline.push(scoreDropForecast(baseQuantiles, e.p.final));
    ratios.forEach((r, i) => {
      const qModel = DropForecast.quantile(forecast, r);
      const qBase = Math.max(
        floor,
        Math.ceil(PooledRatioBaseline.quantile(base, n, r) - 1e-9),
      );
      s.modelPlans[i]!.push([qModel, e.p.final]);
      s.basePlans[i]!.push([qBase, e.p.final]);
    });
  }
  options.onProgress?.(events.length, events.length);

  if (scores.some((s) => s.model.length === 0)) {
    throw new ForecastInputError(
      'empty-input',
      `no drop had ${minHistory} drops of history before it to be scored`,
    );
  }
  const figures = moments.map((at, m) => {
    const s = scores[m]!;
    return {
      at,
      model: {
        ...summarizeDropScores(s.model),
        plans: judgePlans(ratios, s.modelPlans),
      },
      baseline: {
        ...summarizeDropScores(s.baseline),
        plans: judgePlans(ratios, s.basePlans),
      },
      msPerForecast: options.clock ? s.ms / s.model.length : null,
      msPerPrior: options.clock ? s.msPrior / s.model.length : null,
    };
  });
  return { moments: figures, rejected };
}

function unusable(d: BacktestDrop): string | null {
  if (!Number.isFinite(d.startMs) || !Number.isFinite(d.endMs)) {
    return 'window not finite';
  }
  if (d.endMs <= d.startMs) return 'window ends before it starts';
  for (const a of d.arrivals) {
    if (!Number.isFinite(a.timeMs)) return 'arrival time not finite';
    if (!Number.isInteger(a.count) || a.count < 0) return 'bad count';
  }
  return null;
}

function prepare(drop: BacktestDrop, moments: readonly number[]): Prepared {
  const span = drop.endMs - drop.startMs;
  const arrivals = drop.arrivals.map((a) => ({
    at: Math.min(1, Math.max(0, (a.timeMs - drop.startMs) / span)),
    count: a.count,
  }));
  const final = arrivals.reduce((sum, a) => sum + a.count, 0);
  const soFar = moments.map((t) =>
    arrivals.reduce((sum, a) => sum + (a.at <= t ? a.count : 0), 0),
  );
  return { drop, final, past: { arrivals }, soFar };
}

function statsOf(
  map: Map<string, DropStats>,
  key: string,
  memory = Infinity,
): DropStats {
  let stats = map.get(key);
  if (stats === undefined) {
    stats = DropStats.empty({ memory });
    map.set(key, stats);
  }
  return stats;
}

/** Prices chosen so that (p − c) / (p − s) is the ratio exactly. */
function judgePlans(
  ratios: readonly number[],
  plans: readonly (readonly [number, number][])[],
): PlanScore[] {
  return ratios.map((r, i) => {
    const economics = {
      priceCents: 1000,
      unitCostCents: Math.round(1000 * (1 - r)),
      salvageCents: 0,
    };
    let regret = 0;
    let oracle = 0;
    let served = 0;
    const rows = plans[i] ?? [];
    for (const [q, y] of rows) {
      const best = realisedMarginCents(y, y, economics);
      oracle += best;
      regret += best - realisedMarginCents(q, y, economics);
      if (y <= q) served++;
    }
    return {
      criticalRatio: r,
      regretShare: oracle > 0 ? regret / oracle : 0,
      serviceLevel: rows.length > 0 ? served / rows.length : 0,
    };
  });
}
