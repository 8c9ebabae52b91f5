import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app';
import type { Config } from './config';
import { migrateToLatest, openDatabase, type Db } from './db/database';
import { inProcessEvents, postgresEvents } from './features/events/live-events';
import { systemClock, type Clock } from './platform/clock';
import { DEFAULT_SETTINGS, type Deps } from './platform/deps';
import { startJobs, type Jobs } from './platform/jobs';
import { smtpTransport } from './platform/mailer';

/** A running Bottega: its app, dependencies and a way to stop it. */
export interface Server {
  readonly app: FastifyInstance;
  readonly deps: Deps;
  stop(): Promise<void>;
}

/** Creates the structured logger; secrets are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'password',
        '*.password',
        'token',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * Opens the database, migrates it, builds the app and starts the jobs.
 */
export async function createServer(
  config: Config,
  options: { clock?: Clock; log?: Logger; jobs?: boolean } = {},
): Promise<Server> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const db: Db = openDatabase(
    config.DATABASE_URL
      ? {
          kind: 'postgres',
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
        }
      : { kind: 'sqlite', file: config.sqliteFile },
  );
  await migrateToLatest(db);
  const events = db.url ? await postgresEvents(db.url, log) : inProcessEvents();
  const deps: Deps = {
    db,
    clock: options.clock ?? systemClock,
    log,
    events,
    settings: {
      ...DEFAULT_SETTINGS,
      holdMinutes: config.HOLD_MINUTES,
      secureCookies: config.SECURE_COOKIES === 'true',
      trustProxy: config.TRUST_PROXY === 'true',
    },
  };
  const app = await buildApp(deps);
  const transport = config.SMTP_URL
    ? smtpTransport(config.SMTP_URL, config.MAIL_FROM)
    : null;
  const jobs: Jobs | null =
    options.jobs === false ? null : startJobs(deps, transport);

  return {
    app,
    deps,
    async stop() {
      await jobs?.stop();
      await app.close();
      await events.close();
      await db.close();
    },
  };
}
