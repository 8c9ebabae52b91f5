import type { Deps } from './deps';
import { deliverOutbox, type MailTransport } from './mailer';
import { sweepExpiredHolds } from '../features/drops/holds';
import { settleClosedDrops } from '../features/drops/settlement';

/** Background work of a running server, on timers; stop() ends it. */
export interface Jobs {
  stop(): Promise<void>;
}

/**
 * Starts the periodic jobs: releasing expired holds, settling closed
 * drops, delivering queued mail. Every job is safe to run in several
 * processes at once: each piece of work is taken by a conditional update.
 */
export function startJobs(
  deps: Deps,
  transport: MailTransport | null,
  everyMs = 5000,
): Jobs {
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    await sweepExpiredHolds(deps);
    await settleClosedDrops(deps);
    if (transport) {
      await deliverOutbox(
        deps.db.kysely,
        transport,
        () => deps.clock.now(),
        deps.log,
      );
    }
    await pruneEvents(deps);
  };
  const timer = setInterval(() => {
    running = running
      .then(tick)
      .catch((error: unknown) => deps.log.error({ err: error }, 'job failed'));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

const EVENT_RETENTION_MS = 24 * 3_600_000;

/** Live events older than a day are only of use to nobody. */
async function pruneEvents(deps: Deps): Promise<void> {
  await deps.db.kysely
    .deleteFrom('drop_events')
    .where('at', '<', deps.clock.now() - EVENT_RETENTION_MS)
    .execute();
}
