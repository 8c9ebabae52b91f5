import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';
import { NOTIFY_CHANNEL, type DropEvent } from './drop-events';

/**
 * Delivers committed drop events to the subscribers of this process. On
 * SQLite (one process) services hand events over after commit; on
 * PostgreSQL every process LISTENs and hears every process's events.
 */
export interface LiveEvents {
  /** Hands over events whose transaction has committed. */
  committed(events: readonly (DropEvent | null)[]): void;
  /** Listens to one drop; returns the function that stops listening. */
  subscribe(
    dropId: string,
    listener: (event: DropEvent | { dropId: string; seq: number }) => void,
  ): () => void;
  close(): Promise<void>;
}

type Listener = Parameters<LiveEvents['subscribe']>[1];

function createHub() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(event: DropEvent | { dropId: string; seq: number }) {
      emitter.emit(event.dropId, event);
    },
    subscribe(dropId: string, listener: Listener) {
      emitter.on(dropId, listener);
      return () => {
        emitter.off(dropId, listener);
      };
    },
  };
}

/** Live events within one process (the embedded SQLite runtime). */
export function inProcessEvents(): LiveEvents {
  const hub = createHub();
  return {
    committed(events) {
      for (const event of events) if (event) hub.emit(event);
    },
    subscribe: (dropId, listener) => hub.subscribe(dropId, listener),
    close: () => Promise.resolve(),
  };
}

/**
 * Live events across processes through PostgreSQL LISTEN/NOTIFY. The
 * listening connection reconnects after a failure; subscribers notice the
 * gap by the event numbers and read what they missed from the table.
 */
export async function postgresEvents(
  url: string,
  log: Logger,
): Promise<LiveEvents> {
  const hub = createHub();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      try {
        hub.emit(JSON.parse(message.payload) as DropEvent);
      } catch (error) {
        log.warn({ err: error }, 'unreadable drop event notification');
      }
    });
    next.on('error', (error) => {
      log.warn({ err: error }, 'event listener connection lost');
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
    client = next;
  };

  const scheduleReconnect = () => {
    const lost = client;
    client = null;
    lost?.end().catch(() => undefined);
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: unknown) => {
        log.warn({ err: error }, 'event listener reconnect failed');
        scheduleReconnect();
      });
    }, 1000);
  };

  await connect();
  return {
    committed: () => undefined,
    subscribe: (dropId, listener) => hub.subscribe(dropId, listener),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end();
    },
  };
}
