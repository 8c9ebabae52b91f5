import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.resolve(here, '../src/main.ts');

/** A Bottega server running as a child process. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Peak resident memory so far, in MB (VmHWM). */
  peakMemoryMb(): number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** Stops it with SIGTERM and waits. */
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as a power cut or an OOM kill would. */
  kill(): Promise<void>;
}

/**
 * Starts `src/main.ts` in a child process with the given environment
 * (DATA_DIR or DATABASE_URL…) on a free port, without the demo seed, and
 * resolves when it listens.
 */
export function startServerProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServerProcess> {
  // BENCH_NODE_ARGS passes flags such as --cpu-prof to the server.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  let output = '';

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);

    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bottega is running at (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      const pid = child.pid ?? 0;
      resolve({
        url: match[1],
        pid,
        child,
        peakMemoryMb: () => peakMemoryMb(pid),
        cpuSeconds: () => cpuSeconds(pid),
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          if (child.exitCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

function peakMemoryMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match?.[1] ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks of 1/100 s.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
