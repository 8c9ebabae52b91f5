import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A query on a hot path, built and compiled by Kysely once per dialect
 * and then only bound to new values. Building and compiling a query costs
 * more CPU than SQLite takes to run a small one, and at a drop's opening
 * the same few queries run thousands of times a second.
 *
 * `build` receives stand-ins for the arguments and must hand each of
 * them to Kysely as a bound value (`where(col, '=', arg)`, an item of an
 * `in` list), never transformed in JavaScript (`arg * 2`, a branch on
 * `arg`) nor spliced in as raw SQL: the stand-ins are found again among
 * the compiled parameters and swapped for the call's values. A stand-in that does not come through as one parameter makes
 * the first call throw, so a misuse shows in the first test that runs it.
 */
export function preparedQuery<Args extends readonly unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<Row[]> {
  // Keyed by the compiler's class: one compiled form per dialect, shared
  // by every connection and transaction of that dialect.
  const compiledFor = new Map<unknown, Template<Row>>();

  return async (db, ...args) => {
    const key = db.getExecutor().adapter;
    let template = compiledFor.get(key.constructor);
    if (!template) {
      template = compileTemplate(db, build, build.length - 1);
      compiledFor.set(key.constructor, template);
    }
    const parameters = template.slots.map((slot) =>
      slot.arg === null ? slot.value : args[slot.arg],
    );
    const result = await db.executeQuery<Row>({
      ...template.compiled,
      parameters,
    });
    return result.rows;
  };
}

interface Template<Row> {
  readonly compiled: CompiledQuery<Row>;
  /** Per compiled parameter: which argument it takes, or its constant. */
  readonly slots: readonly { arg: number | null; value: unknown }[];
}

const standIn = (index: number) => `\u0000bottega:arg:${index}\u0000`;

function compileTemplate<Args extends readonly unknown[], Row>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
  arity: number,
): Template<Row> {
  const standIns = Array.from({ length: arity }, (_, i) => standIn(i));
  const compiled = build(db, ...(standIns as unknown as Args)).compile();
  const seen = new Set<number>();
  const slots = compiled.parameters.map((value) => {
    const arg = standIns.indexOf(value as string);
    if (arg === -1) return { arg: null, value };
    seen.add(arg);
    return { arg, value: null };
  });
  if (seen.size !== arity || compiled.sql.includes('\u0000')) {
    throw new Error(
      `prepared query: each of its ${arity} arguments must reach the SQL as one parameter`,
    );
  }
  return { compiled, slots };
}
