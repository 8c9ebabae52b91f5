import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import * as forecast from '../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.resolve(here, '..', 'src', 'index.ts');
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 200;

/** What {@link runBundleBench} measures. */
export interface BundleBenchResult {
  readonly minifiedBytes: number;
  readonly gzippedBytes: number;
  readonly gzippedKB: number;
  readonly under30KB: boolean;
  /** Median ms of one drop forecast, in Chromium and in this Node. */
  readonly browserMsPerDropForecast: number | null;
  readonly nodeMsPerDropForecast: number;
  readonly browserOverNode: number | null;
  readonly browser: string;
}

/**
 * The whole package's browser bundle (esbuild, minified ESM) and its
 * gzipped size; then, when Chromium is installed, the median time of one
 * drop forecast in a headless page, beside the same in Node.
 */
export async function runBundleBench(): Promise<BundleBenchResult> {
  const esm = await bundle('esm');
  const gzipped = gzipSync(esm).length;
  const nodeMs = timeDropForecast(forecast);

  let browserMs: number | null = null;
  let browser = `no ${CHROMIUM}`;
  if (existsSync(CHROMIUM)) {
    const iife = await bundle('iife');
    ({ ms: browserMs, version: browser } = await timeInChromium(iife));
  }

  return {
    minifiedBytes: esm.length,
    gzippedBytes: gzipped,
    gzippedKB: Math.round((gzipped / 1024) * 10) / 10,
    under30KB: gzipped < 30 * 1024,
    browserMsPerDropForecast: browserMs,
    nodeMsPerDropForecast: nodeMs,
    browserOverNode: browserMs === null ? null : browserMs / nodeMs,
    browser,
  };
}

async function bundle(format: 'esm' | 'iife'): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'browser',
    format,
    ...(format === 'iife' ? { globalName: 'BottegaForecast' } : {}),
    target: 'es2022',
    write: false,
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild wrote nothing');
  return file.contents;
}

type Timer = (f: unknown, runs: number) => number;

/**
 * Times one drop forecast (a shop with 5 past drops, a co-op with 40, at
 * a quarter of the window with about 40 orders): the median of `runs`
 * samples of 10 forecasts each (browsers coarsen their clocks to 0.1 ms).
 * Plain JavaScript in a string, so Node and the page run the very same
 * code.
 */
const TIMING_SOURCE = `(f, runs) => {
  const rng = f.createRng(11);
  const pastDrop = (size) => ({
    arrivals: Array.from({ length: size }, () => {
      const u = rng();
      return { at: u < 0.3 ? u * u : u, count: 1 };
    }),
  });
  const coop = Array.from({ length: 40 }, () =>
    pastDrop(40 + Math.floor(rng() * 120)));
  const prior = f.learnDropPrior({ shop: coop.slice(0, 5), coop });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (let j = 0; j < 10; j++) {
      f.forecastDropTotal(prior, { at: 0.25, count: 40 + j, minimum: 100 });
    }
    times.push((performance.now() - start) / 10);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}`;

function timeDropForecast(f: unknown): number {
  const time = runInThisContext(TIMING_SOURCE) as Timer;
  return time(f, RUNS);
}

async function timeInChromium(
  iife: Uint8Array,
): Promise<{ ms: number; version: string }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: new TextDecoder().decode(iife) });
    const ms = await page.evaluate<number>(
      `(${TIMING_SOURCE})(globalThis.BottegaForecast, ${RUNS})`,
    );
    return { ms, version: browser.version() };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runBundleBench(), null, 2));
}
