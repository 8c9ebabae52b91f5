/**
 * A small Server-Sent Events client for tests, over `fetch` and a stream
 * reader: it parses `id:`, `event:` and `data:` lines into messages and
 * hands them out one by one, in order.
 */

/** One dispatched message of an event stream. */
export interface SseMessage {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/** An open event stream. */
export interface SseStream {
  readonly status: number;
  readonly contentType: string | null;
  /** The next message; rejects if none comes within `patienceMs`. */
  next(patienceMs?: number): Promise<SseMessage>;
  /** The next `count` messages, in order. */
  take(count: number): Promise<SseMessage[]>;
  /** Disconnects. */
  close(): Promise<void>;
}

/**
 * Opens an event stream.
 * @example const stream = await openSse(`${base}/api/drops/${id}/events`);
 */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const body = response.body;
  if (!body) throw new Error(`no body from ${url}`);

  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: SseMessage[] = [];
  const waiting: ((message: SseMessage | Error) => void)[] = [];
  let ended: Error | null = null;

  const deliver = (message: SseMessage | Error) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else if (message instanceof Error) ended = message;
    else queue.push(message);
  };

  const pump = async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replaceAll('\r\n', '\n');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const message = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (message) deliver(message);
        end = buffer.indexOf('\n\n');
      }
    }
    deliver(new Error('the stream ended'));
  };
  const pumping = pump().catch((error: unknown) => {
    deliver(error instanceof Error ? error : new Error(String(error)));
  });

  const next = (patienceMs = 10_000) =>
    new Promise<SseMessage>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      if (ended) return reject(ended);
      // A guard against a test hanging, not an assertion on speed.
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`no event within ${patienceMs} ms from ${url}`));
      }, patienceMs);
      const waiter = (message: SseMessage | Error) => {
        clearTimeout(timer);
        if (message instanceof Error) reject(message);
        else resolve(message);
      };
      waiting.push(waiter);
    });

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next,
    async take(count) {
      const messages: SseMessage[] = [];
      for (let i = 0; i < count; i += 1) messages.push(await next());
      return messages;
    },
    async close() {
      abort.abort();
      await pumping;
    },
  };
}

/**
 * One block of lines up to a blank line. A block without `data` (a
 * comment such as a heartbeat, or a bare `retry:`) dispatches nothing.
 */
function parseBlock(block: string): SseMessage | null {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? null : { id, event, data: data.join('\n') };
}
