/**
 * Run `fn` in a transaction, retrying it (a few times, with jitter) when PostgreSQL reports a serialisation
 * failure or a deadlock — the transaction was rolled back as a whole, so running it again is safe.
 * Domain errors (409 stale version…) are not retried: they are answers, not accidents.
 */
import { PG_DEADLOCK, PG_SERIALIZATION_FAILURE, pgError } from "./errors.ts";
import type { Db } from "./open.ts";

export const MAX_ATTEMPTS = 4;

export function isRetryable(e: unknown): boolean {
  const code = pgError(e)?.code;
  return code === PG_SERIALIZATION_FAILURE || code === PG_DEADLOCK;
}

export async function transact<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => fn(tx as unknown as Db));
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 10));
    }
  }
}
