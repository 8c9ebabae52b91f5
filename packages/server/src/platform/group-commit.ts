import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

interface Job {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most units of work that share one commit. */
const MAX_BATCH = 64;

/**
 * Group commit for SQLite. With `synchronous = FULL` every commit waits
 * for the disk; when requests arrive together, the units of work queued
 * while the previous commit ran share the next transaction, each inside
 * its own savepoint, so one that fails is rolled back alone and the rest
 * commit with a single sync. Every caller is answered only after the
 * commit that holds its work, so nothing confirmed is lost.
 */
export class GroupCommitter {
  private readonly queue: Job[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs work in a transaction shared with concurrent work. */
  run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.draining) {
        this.draining = true;
        // better-sqlite3 works synchronously, so a batch runs on
        // microtasks alone and its commit blocks the event loop: without
        // yielding, no other request could ever join a batch. Waiting for
        // the check phase lets the requests already received enqueue.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const outcomes: Outcome[] = [];
      try {
        await this.db.transaction().execute(async (trx) => {
          for (const job of batch)
            outcomes.push(await runInSavepoint(trx, job));
        });
      } catch (error) {
        for (const job of batch) job.reject(error);
        continue;
      }
      batch.forEach((job, index) => {
        const outcome = outcomes[index];
        if (outcome?.ok) job.resolve(outcome.value);
        else job.reject(outcome ? outcome.error : new Error('lost work'));
      });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.draining = false;
  }
}

async function runInSavepoint(
  trx: Kysely<Database>,
  job: Job,
): Promise<Outcome> {
  await sql`savepoint unit_of_work`.execute(trx);
  try {
    const value = await job.work(trx);
    await sql`release savepoint unit_of_work`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint unit_of_work`.execute(trx);
    await sql`release savepoint unit_of_work`.execute(trx);
    return { ok: false, error };
  }
}
