/**
 * Accuracy and speed of the series models on public benchmark data, side
 * by side with R's forecast package when it is installed (run in the same
 * process tree on the same splits).
 *
 * Run: node --import tsx packages/forecast/bench/series.ts [--limit N]
 *      [--r-limit N] [--no-r] [--data DIR]
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  intervalCoverage,
  mase,
  owa,
  pinball,
  rmsse,
  scaledBias,
  scaledPinball,
  smape,
  type QuantilePoint,
} from '../src/metrics';
import { forecastSeries } from '../src/series';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');

/** One hold-out split. */
interface Split {
  readonly id: string;
  readonly train: number[];
  readonly test: number[];
  readonly period: number;
}

/** Forecasts of one method for every split (null where it failed). */
interface Run {
  readonly means: (number[] | null)[];
  readonly quantiles: (QuantilePoint[][] | null)[];
  readonly msPerSeries: number;
}

const LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95];

// Published figures quoted in /work/shared/data/README.md.
const PUBLISHED = {
  m4Weekly: {
    naive2: { smape: 9.161, mase: 2.777, owa: 1 },
    ses: { smape: 9.012, mase: 2.685, owa: 0.975 },
    theta: { smape: 9.093, mase: 2.637, owa: 0.971 },
    damped: { smape: 8.866, mase: 2.404, owa: 0.917 },
    comb: { smape: 8.944, mase: 2.432, owa: 0.926 },
    'R ets': { smape: 8.727, mase: 2.527, owa: 0.931 },
    'R auto.arima': { smape: 8.593, mase: 2.541, owa: 0.927 },
  },
  m3: { theta: 12.76, forecastPro: 13.06, ets: 13.07, autoArima: 13.57 },
};

// ---------------------------------------------------------------- data

function csvRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(',').map((c) => c.replace(/"/g, '').trim()));
}

function loadM4Weekly(dir: string): Split[] {
  const train = csvRows(path.join(dir, 'm4-weekly', 'Weekly-train.csv'));
  const test = csvRows(path.join(dir, 'm4-weekly', 'Weekly-test.csv'));
  const nums = (row: string[]) =>
    row
      .slice(1)
      .filter((c) => c !== '')
      .map(Number);
  return train.slice(1).map((row, i) => ({
    id: row[0] ?? `W${i + 1}`,
    train: nums(row),
    test: nums(test[i + 1] ?? []),
    period: 1,
  }));
}

interface M3Series {
  id: string;
  period: string;
  h: number;
  train: number[];
  test: number[];
}

const M3_PERIOD: Record<string, number> = {
  YEARLY: 1,
  QUARTERLY: 4,
  MONTHLY: 12,
  OTHER: 1,
};

function loadM3(dir: string): (Split & { group: string })[] {
  const raw = JSON.parse(
    readFileSync(path.join(dir, 'm3.json'), 'utf8'),
  ) as M3Series[];
  return raw.map((s) => ({
    id: s.id,
    train: s.train,
    test: s.test.slice(0, s.h),
    period: M3_PERIOD[s.period] ?? 1,
    group: s.period,
  }));
}

/** Columns of a CSV with a leading label column, as complete series. */
function columns(file: string): { id: string; values: (number | null)[] }[] {
  const rows = csvRows(file);
  const header = rows[0] ?? [];
  return header.slice(1).map((id, j) => ({
    id,
    values: rows
      .slice(1)
      .map((r) =>
        r[j + 1] === '' || r[j + 1] === 'NA' ? null : Number(r[j + 1]),
      ),
  }));
}

function loadCarparts(dir: string): Split[] {
  const out: Split[] = [];
  for (const { id, values } of columns(path.join(dir, 'carparts.csv'))) {
    if (values.some((v) => v === null || !Number.isFinite(v))) continue;
    const y = values as number[];
    const fit = y.slice(0, 45);
    const positives = fit.filter((v) => v > 0).length;
    const first = y.slice(0, 15).some((v) => v > 0);
    const last = y.slice(y.length - 15).some((v) => v > 0);
    if (positives >= 10 && first && last) {
      out.push({ id, train: fit, test: y.slice(45, 51), period: 1 });
    }
  }
  return out;
}

function loadJewelry(dir: string): Split[] {
  return columns(path.join(dir, 'jewelry.csv'))
    .filter(({ values }) => values.every((v) => v !== null))
    .map(({ id, values }) => {
      const y = values as number[];
      return {
        id,
        train: y.slice(0, y.length - 13),
        test: y.slice(y.length - 13),
        period: 1,
      };
    });
}

// ------------------------------------------------------------ running

function runOurs(splits: readonly Split[], method: string): Run {
  const means: (number[] | null)[] = [];
  const quantiles: (QuantilePoint[][] | null)[] = [];
  const start = performance.now();
  for (const s of splits) {
    try {
      const f = forecastSeries(s.train, {
        horizon: s.test.length,
        period: s.period,
        method,
        levels: LEVELS,
      });
      means.push([...f.mean]);
      quantiles.push(f.quantiles.map((q) => [...q]));
    } catch {
      means.push(null);
      quantiles.push(null);
    }
  }
  const ms = performance.now() - start;
  return { means, quantiles, msPerSeries: ms / Math.max(splits.length, 1) };
}

function hasR(): boolean {
  const r = spawnSync('Rscript', ['-e', 'library(forecast)'], {
    stdio: 'ignore',
  });
  return r.status === 0;
}

/** Runs bench/r/series.R on the splits; one Run per R method. */
function runR(
  splits: readonly Split[],
  methods: readonly string[],
): Record<string, Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bottega-r-'));
  try {
    const input = path.join(dir, 'in.tsv');
    const output = path.join(dir, 'out.tsv');
    writeFileSync(
      input,
      splits
        .map((s) =>
          [s.id, s.period, s.test.length, s.train.join(' ')].join('\t'),
        )
        .join('\n') + '\n',
    );
    const script = path.join(here, 'r', 'series.R');
    const r = spawnSync('Rscript', [script, input, output, methods.join(',')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`Rscript failed: ${String(r.stderr)}`);

    const byKey = new Map<string, string[]>();
    for (const line of readFileSync(output, 'utf8').trim().split('\n')) {
      const fields = line.split('\t');
      byKey.set(`${fields[0]}\t${fields[1]}`, fields);
    }
    return Object.fromEntries(
      methods.map((m) => [m, collectR(splits, m, byKey)]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function collectR(
  splits: readonly Split[],
  method: string,
  byKey: Map<string, string[]>,
): Run {
  const nums = (s: string | undefined) =>
    s === undefined || s === 'NA' ? null : s.split(' ').map(Number);
  let seconds = 0;
  const means: (number[] | null)[] = [];
  const quantiles: (QuantilePoint[][] | null)[] = [];
  for (const s of splits) {
    const f = byKey.get(`${s.id}\t${method}`) ?? [];
    seconds += Number(f[2] ?? 0);
    const mean = nums(f[3]);
    const [lo50, hi50, lo90, hi90] = [4, 5, 6, 7].map((i) => nums(f[i]));
    means.push(mean && mean.every(Number.isFinite) ? mean : null);
    quantiles.push(
      mean && lo50 && hi50 && lo90 && hi90
        ? mean.map((m, h) => [
            { p: 0.05, value: lo90[h] ?? m },
            { p: 0.25, value: lo50[h] ?? m },
            { p: 0.5, value: m },
            { p: 0.75, value: hi50[h] ?? m },
            { p: 0.95, value: hi90[h] ?? m },
          ])
        : null,
    );
  }
  return {
    means,
    quantiles,
    msPerSeries: (1000 * seconds) / Math.max(splits.length, 1),
  };
}

// ------------------------------------------------------------ scoring

interface Scores {
  series: number;
  failed: number;
  smape: number;
  mase: number;
  rmsse: number;
  scaledPinball: number | null;
  pinball: number | null;
  coverage50: number | null;
  coverage90: number | null;
  scaledBias: number;
  msPerSeries: number;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function score(splits: readonly Split[], run: Run): Scores {
  const acc = { n: 0, smape: 0, mase: 0, rmsse: 0, bias: 0 };
  const dist = { n: 0, spin: 0, pin: 0, c50: 0, c90: 0 };
  splits.forEach((s, i) => {
    const f = run.means[i];
    if (!f) return;
    acc.n += 1;
    acc.smape += smape(s.test, f);
    acc.mase += mase(s.test, f, s.train, s.period);
    acc.rmsse += rmsse(s.test, f, s.train);
    acc.bias += scaledBias(s.test, f, s.train, s.period);
    const q = run.quantiles[i];
    if (!q) return;
    dist.n += 1;
    dist.spin += scaledPinball(s.test, q, s.train, s.period);
    dist.pin += pinball(s.test, q);
    dist.c50 += intervalCoverage(s.test, q, 0.5);
    dist.c90 += intervalCoverage(s.test, q, 0.9);
  });
  const d = (x: number) => (dist.n > 0 ? round(x / dist.n) : null);
  return {
    series: acc.n,
    failed: splits.length - acc.n,
    smape: round(acc.smape / acc.n),
    mase: round(acc.mase / acc.n),
    rmsse: round(acc.rmsse / acc.n),
    scaledPinball: d(dist.spin),
    pinball: d(dist.pin),
    coverage50: d(dist.c50),
    coverage90: d(dist.c90),
    scaledBias: round(acc.bias / acc.n),
    msPerSeries: round(run.msPerSeries, 2),
  };
}

function pick(run: Run, idx: readonly number[]): Run {
  return {
    means: idx.map((i) => run.means[i] ?? null),
    quantiles: idx.map((i) => run.quantiles[i] ?? null),
    msPerSeries: run.msPerSeries,
  };
}

function subset<T>(xs: readonly T[], limit: number | undefined): T[] {
  if (limit === undefined || limit >= xs.length) return [...xs];
  // An even sample across the set, not its head (M3 is sorted by type).
  const step = xs.length / limit;
  return Array.from({ length: limit }, (_, i) => xs[Math.floor(i * step)]!);
}

const log = (msg: string) => process.stderr.write(`[series bench] ${msg}\n`);

// ------------------------------------------------------------ sections

function benchM4(dir: string, limit: number | undefined, withR: boolean) {
  const splits = subset(loadM4Weekly(dir), limit);
  const methods = [
    'naive2',
    'ses',
    'holt',
    'damped',
    'theta',
    'comb',
    'comb-m4',
    'ets',
    'auto',
  ];
  const ours: Record<string, Scores> = {};
  for (const m of methods) {
    log(`M4 weekly: ours ${m}`);
    ours[m] = score(splits, runOurs(splits, m));
  }
  const base = ours.naive2!;
  const withOwa = Object.fromEntries(
    Object.entries(ours).map(([m, s]) => [
      m,
      { ...s, owa: round(owa(s, base)) },
    ]),
  );

  let r: Record<string, unknown> | string = 'R not run (--no-r or R absent)';
  let speed: Record<string, unknown> | null = null;
  if (withR) {
    log(`M4 weekly: R ets, thetaf, auto.arima on ${splits.length} series`);
    const runs = runR(splits, ['ets', 'thetaf', 'auto.arima']);
    r = Object.fromEntries(
      Object.entries(runs).map(([m, run]) => {
        const s = score(splits, run);
        return [m, { ...s, owa: round(owa(s, base)) }];
      }),
    );
    const rEts = runs.ets!.msPerSeries;
    speed = {
      oursEtsMsPerSeries: ours.ets!.msPerSeries,
      rEtsMsPerSeries: round(rEts, 2),
      etsSpeedRatio: round(rEts / ours.ets!.msPerSeries, 2),
      oursAutoMsPerSeries: ours.auto!.msPerSeries,
      note: 'R time is measured inside R around each fit+forecast',
    };
  }
  return {
    series: splits.length,
    horizon: 13,
    note: 'OWA relative to our Naive2 on the same split (period 1, as M4 for weekly)',
    ours: withOwa,
    r,
    speed,
    published: PUBLISHED.m4Weekly,
    target: { owa: 0.92 },
  };
}

function benchM3(
  dir: string,
  limit: number | undefined,
  rLimit: number,
  withR: boolean,
) {
  const all = loadM3(dir);
  const splits = subset(all, limit);
  const methods = ['naive2', 'ses', 'damped', 'theta', 'comb', 'ets', 'auto'];
  const ours: Record<string, Scores & { byGroup: Record<string, number> }> = {};
  const runs: Record<string, Run> = {};
  for (const m of methods) {
    log(`M3: ours ${m}`);
    const run = runOurs(splits, m);
    runs[m] = run;
    const byGroup: Record<string, number> = {};
    for (const g of ['YEARLY', 'QUARTERLY', 'MONTHLY', 'OTHER']) {
      const idx = splits.flatMap((s, i) => (s.group === g ? [i] : []));
      if (idx.length === 0) continue;
      byGroup[g] = score(
        idx.map((i) => splits[i]!),
        pick(run, idx),
      ).smape;
    }
    ours[m] = { ...score(splits, run), byGroup };
  }

  let r: Record<string, unknown> | string = 'R not run (--no-r or R absent)';
  if (withR) {
    const sample = subset(splits, rLimit);
    const idx = sample.map((s) => splits.indexOf(s));
    log(`M3: R ets, thetaf, auto.arima on a sample of ${sample.length}`);
    const rRuns = runR(sample, ['ets', 'thetaf', 'auto.arima']);
    r = {
      note: `R on an even sample of ${sample.length} of ${splits.length} series (time box); ours re-scored on the same sample`,
      r: Object.fromEntries(
        Object.entries(rRuns).map(([m, run]) => [m, score(sample, run)]),
      ),
      oursOnSample: Object.fromEntries(
        methods.map((m) => [m, score(sample, pick(runs[m]!, idx))]),
      ),
    };
  }
  return {
    series: splits.length,
    of: all.length,
    ours,
    r,
    published: PUBLISHED.m3,
    target: { smape: 13.0 },
  };
}

function benchCarparts(dir: string, limit: number | undefined, withR: boolean) {
  const splits = subset(loadCarparts(dir), limit);
  const methods = [
    'zero',
    'naive',
    'croston',
    'sba',
    'tsb',
    'adida',
    'imapa',
    'auto',
  ];
  const ours: Record<string, Scores> = {};
  for (const m of methods) {
    log(`carparts: ours ${m}`);
    ours[m] = score(splits, runOurs(splits, m));
  }
  const rel = (m: string, base: string, key: 'scaledPinball' | 'rmsse') =>
    round((ours[m]![key] ?? 0) / (ours[base]![key] ?? 1));
  const ratios = Object.fromEntries(
    methods.map((m) => [
      m,
      {
        pinballVsZero: rel(m, 'zero', 'scaledPinball'),
        pinballVsNaive: rel(m, 'naive', 'scaledPinball'),
        rmsseVsZero: rel(m, 'zero', 'rmsse'),
      },
    ]),
  );

  let r: Record<string, unknown> | string = 'R not run (--no-r or R absent)';
  if (withR) {
    log(`carparts: R croston on ${splits.length} series`);
    const run = runR(splits, ['croston']).croston!;
    const s = score(splits, run);
    r = {
      croston: s,
      rmsseOursVsRCroston: Object.fromEntries(
        methods.map((m) => [m, round(ours[m]!.rmsse / s.rmsse)]),
      ),
    };
  }
  return {
    series: splits.length,
    protocol:
      'complete, >=10 positive in first 45, positive in first and last 15; fit 45, score 6',
    ours,
    ratios,
    r,
  };
}

function benchJewelry(dir: string, limit: number | undefined) {
  const splits = subset(loadJewelry(dir), limit);
  const methods = ['naive', 'ses', 'damped', 'theta', 'comb', 'ets', 'auto'];
  const ours: Record<string, Scores> = {};
  for (const m of methods) {
    log(`jewelry: ours ${m}`);
    ours[m] = score(splits, runOurs(splits, m));
  }
  return { series: splits.length, horizon: 13, ours };
}

// ---------------------------------------------------------------- main

/**
 * Runs every section and returns the figures.
 *
 * @example await runSeriesBench({ dataDir: '/work/shared/data', withR: true })
 */
export async function runSeriesBench(opts: {
  dataDir: string;
  limit?: number;
  rLimit?: number;
  withR: boolean;
  sections?: readonly string[];
}): Promise<object> {
  const dir = path.join(opts.dataDir, 'series');
  if (!existsSync(dir)) {
    return { skipped: `no data at ${dir}` };
  }
  const withR = opts.withR && hasR();
  if (opts.withR && !withR) log('R with the forecast package not found');
  const want = (s: string) => !opts.sections || opts.sections.includes(s);
  const rLimit = opts.rLimit ?? 300;

  const out: Record<string, unknown> = {
    r: withR ? 'forecast package, same splits, same run' : 'not run',
  };
  const sections: [string, string, () => unknown][] = [
    ['m4', 'm4Weekly', () => benchM4(dir, opts.limit, withR)],
    ['carparts', 'carparts', () => benchCarparts(dir, opts.limit, withR)],
    ['jewelry', 'jewelry', () => benchJewelry(dir, opts.limit)],
    ['m3', 'm3', () => benchM3(dir, opts.limit, rLimit, withR)],
  ];
  for (const [name, key, run] of sections) {
    if (!want(name)) continue;
    out[key] = run();
    // Each section as soon as it is done, so a long run shows progress.
    log(`${key} ${JSON.stringify(out[key])}`);
    await Promise.resolve();
  }
  return out;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const args = process.argv.slice(2);
  const limit = argValue(args, '--limit');
  const rLimit = argValue(args, '--r-limit');
  const sections = argValue(args, '--only');
  const result = await runSeriesBench({
    dataDir:
      argValue(args, '--data') ??
      path.resolve(repoRoot, '..', 'shared', 'data'),
    limit: limit === undefined ? undefined : Number(limit),
    rLimit: rLimit === undefined ? undefined : Number(rLimit),
    withR: !args.includes('--no-r'),
    sections: sections?.split(','),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
