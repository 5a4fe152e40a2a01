/** The database error under Drizzle's wrapper (DrizzleQueryError keeps the driver's error as `cause`). */
export interface PgErrorInfo {
  code: string;
  message: string;
  constraint?: string;
}

export function pgError(e: unknown): PgErrorInfo | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur; depth++) {
    const c = cur as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) {
      return {
        code: c.code,
        message: String(c.message ?? ""),
        ...(typeof c.constraint === "string" ? { constraint: c.constraint } : {}),
      };
    }
    cur = c.cause;
  }
  return undefined;
}

export const PG_UNIQUE_VIOLATION = "23505";
export const PG_FOREIGN_KEY_VIOLATION = "23503";
/** PostgreSQL 18 (PGlite) reports ON DELETE RESTRICT as 23001; PostgreSQL 15 reports it as 23503. */
export const PG_RESTRICT_VIOLATION = "23001";

/** A row still referenced (or a reference to a missing row), on either server version. */
export function isReferenceViolation(e: unknown): boolean {
  const code = pgError(e)?.code;
  return code === PG_FOREIGN_KEY_VIOLATION || code === PG_RESTRICT_VIOLATION;
}
export const PG_CHECK_VIOLATION = "23514";
export const PG_SERIALIZATION_FAILURE = "40001";
export const PG_DEADLOCK = "40P01";
