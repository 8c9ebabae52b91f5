import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBundleBench } from './bundle';
import { defaultDataDir, runDropsBench } from './drops';
import { runSeriesBench } from './series';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const outFile = path.join(repoRoot, 'bench-results', 'forecast.json');

/**
 * `npm run bench:forecast [-- --only drops,series,bundle] [--limit N]
 * [--no-r] [--data DIR]`: runs the forecasting benches, prints each
 * section's JSON as it finishes and writes it to
 * bench-results/forecast.json (sections not run this time keep their
 * last figures there).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: 'drops,series,bundle' },
      limit: { type: 'string' },
      'no-r': { type: 'boolean', default: false },
      data: { type: 'string', default: defaultDataDir },
    },
  });
  const only = new Set(values.only.split(','));
  const dataDir = values.data;
  const started = new Date().toISOString();
  const out: Record<string, unknown> = { started, dataDir };

  const section = async (name: string, run: () => unknown): Promise<void> => {
    if (!only.has(name)) return;
    const t0 = performance.now();
    out[name] = await run();
    out[`${name}Seconds`] = Math.round(performance.now() - t0) / 1000;
    console.log(JSON.stringify({ [name]: out[name] }, null, 2));
  };

  await section('drops', () => runDropsBench({ dataDir }));
  await section('series', () =>
    runSeriesBench({
      dataDir,
      withR: !values['no-r'],
      ...(values.limit ? { limit: Number(values.limit) } : {}),
    }),
  );
  await section('bundle', () => runBundleBench());

  const previous = existsSync(outFile)
    ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>)
    : {};
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    `${JSON.stringify({ ...previous, ...out }, null, 2)}\n`,
  );
  console.log(`wrote ${outFile}`);
}

await main();
