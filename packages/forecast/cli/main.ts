import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { replayDrops, type MomentFigures } from '../src/backtest/drop-replay';
import { parseCampaigns } from './campaigns';
import { parseSeriesCsv } from './series-csv';
import { formatTable } from './table';

const USAGE = `usage:
  npm run forecast -- backtest --data <file> [--kind drops|series]
      [--at 0.1,0.25,0.5] [--history finished|started] [--since 2013-01-01]
      [--at-least 1] [--horizon 6] [--period 12] [--methods ses,croston] [--limit N]
      [--out result.json]

  drops:  campaigns JSONL (the crowdfunding format); each drop is forecast
          at each --at fraction of its window from drops that had finished
          by then, beside the pooled-ratio baseline; --at-least 1 tells
          both that every drop ends with an order (true of a data set
          that lists only those).
  series: a wide CSV, one column per series; the last --horizon points of
          each are held out and every method is scored.`;

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      kind: { type: 'string', default: 'drops' },
      at: { type: 'string', default: '0.1,0.25,0.5' },
      history: { type: 'string', default: 'finished' },
      since: { type: 'string' },
      'at-least': { type: 'string', default: '0' },
      horizon: { type: 'string', default: '6' },
      period: { type: 'string', default: '12' },
      methods: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals[0] !== 'backtest' || !values.data) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }

  const text = readFileSync(values.data, 'utf8');
  let result: unknown;
  switch (values.kind) {
    case 'drops':
      result = backtestDrops(text, values);
      break;
    case 'series':
      result = await backtestSeriesCsv(text, values);
      break;
    default:
      console.error(`unknown --kind ${values.kind}\n${USAGE}`);
      return 2;
  }
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${values.out}`);
  }
  return 0;
}

function progressBar(label: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total}`,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
}

function backtestDrops(
  text: string,
  values: {
    at?: string;
    history?: string;
    since?: string;
    'at-least'?: string;
  },
): unknown {
  const moments = (values.at ?? '0.25').split(',').map(Number);
  if (moments.some((t) => !(t > 0 && t < 1))) {
    throw new Error('--at takes fractions of the window between 0 and 1');
  }
  const history = values.history === 'started' ? 'started' : 'finished';
  const parsed = parseCampaigns(text);
  const since = values.since
    ? Date.parse(`${values.since}T00:00:00Z`)
    : -Infinity;
  const drops = parsed.drops.filter((d) => d.startMs >= since);

  const bar = progressBar('drops');
  bar.start(drops.length * moments.length, 0);
  const { moments: figures, rejected } = replayDrops(drops, {
    moments,
    ratios: [0.5, 0.7, 0.9],
    history,
    knownAtLeast: Number(values['at-least'] ?? 0),
    clock: () => performance.now(),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();

  console.log(formatTable(figures.flatMap(rowsOf)));
  if (rejected.length > 0) console.log(`${rejected.length} drops rejected`);
  return {
    kind: 'drops',
    drops: drops.length,
    rejectedLines: parsed.rejected,
    rejectedDrops: rejected,
    history,
    figures,
  };
}

function rowsOf(m: MomentFigures): Record<string, unknown>[] {
  return (['model', 'baseline'] as const).map((method) => {
    const f = m[method];
    return {
      at: m.at,
      method,
      drops: f.drops,
      pinball: f.scaledPinball,
      cover50: f.coverage50,
      cover90: f.coverage90,
      width90: f.medianWidth90,
      ...Object.fromEntries(
        f.plans.flatMap((p) => [
          [`regret@${p.criticalRatio}`, p.regretShare],
          [`service@${p.criticalRatio}`, p.serviceLevel],
        ]),
      ),
    };
  });
}

async function backtestSeriesCsv(
  text: string,
  values: {
    horizon?: string;
    period?: string;
    methods?: string;
    limit?: string;
  },
): Promise<unknown> {
  const series = await import('../src/series/index').catch(() => null);
  if (series?.backtestSeries === undefined) {
    throw new Error('--kind series needs backtestSeries from src/series');
  }

  const parsed = parseSeriesCsv(text);
  const limit = values.limit ? Number(values.limit) : Infinity;
  const period = Number(values.period ?? 12);
  const input = parsed.series.slice(0, limit).map((s) => ({ ...s, period }));

  const bar = progressBar('series');
  bar.start(input.length, 0);
  const result = series.backtestSeries({
    series: input,
    horizon: Number(values.horizon ?? 6),
    ...(values.methods ? { methods: values.methods.split(',') } : {}),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();

  console.log(formatTable(result.summary.map((s) => ({ ...s }))));
  return { kind: 'series', rejected: parsed.rejected, ...result };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
