/**
 * The job queue: handlers registered by name, jobs enqueued with a JSON payload, their state and progress
 * kept in the `jobs` table for the UI. Two engines behind one interface:
 * - PostgreSQL: pg-boss (several app instances share the work; a job survives a restart), on our own pool;
 * - PGlite: in-process, one job at a time (the embedded mode is one process); jobs left running by a crash
 *   are marked failed at start, queued ones are run; imports go before batch jobs.
 * Quotas per account and per organisation bound what anyone can queue (JOB_QUOTA).
 */
import { DomainError } from "@jixiao/core";
import { and, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type pg from "pg";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { ServerError } from "../http/errors.ts";
import { type JobRow, jobs } from "./schema.ts";

export interface JobContext<P> {
  id: string;
  payload: P;
  /** Report progress: `done` of `total` (total may stay unknown), with an optional message for the UI. */
  progress(done: number, total?: number, message?: string): Promise<void>;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<unknown>;

/**
 * What a handler may return instead of a plain result: the result plus writes that commit in the same
 * transaction as the job's completion (e.g. the audit row of what the job did), so both are recorded or neither.
 */
export class JobOutcome {
  constructor(
    readonly result: unknown,
    readonly commit: (tx: Db) => Promise<void>,
    /** A file the job made (a batch export's zip), stored in `jobs.file` with the completion. */
    readonly file?: Uint8Array,
  ) {}
}

/** A job's stored file as base64 text (`encode` in the database: PGlite's bytea parser is slow on megabytes). */
export const JOB_FILE = sql<string | null>`encode(${jobs.file}, 'base64')`;

/** The value that stores `data` in `jobs.file` (sent as base64 text, `decode`d by the database). */
export const jobFileValue = (data: Uint8Array): SQL => sql`decode(${Buffer.from(data).toString("base64")}, 'base64')`;

/** The job's stored file, if it has one (a completed batch export's zip until its keeping period ends). */
export async function findJobFile(db: Db, id: string): Promise<Uint8Array | undefined> {
  const [row] = await db.select({ base64: JOB_FILE }).from(jobs).where(eq(jobs.id, id));
  return row?.base64 ? new Uint8Array(Buffer.from(row.base64, "base64")) : undefined;
}

const { file: _file, ...JOB_COLUMNS } = getTableColumns(jobs);

export interface JobMeta {
  orgId?: string | null;
  createdBy?: string | null;
  /** How long the job may run before pg-boss takes it for lost (default pg-boss's 15 minutes). */
  expireInSeconds?: number;
}

export interface JobQueue {
  readonly engine: "pg-boss" | "in-process";
  register<P>(name: string, handler: JobHandler<P>): void;
  enqueue(name: string, payload: unknown, meta?: JobMeta): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Resolves once the job's end (completed or failed) is recorded: at once if its row says so already, else when a
   * worker of this process records it. A job another process runs is not heard here: wait on its row there.
   */
  ended(id: string): Promise<void>;
}

/** The waiters for jobs' ends, told by `runJob` after it has written the outcome. */
class JobEnds {
  readonly #waiters = new Map<string, (() => void)[]>();

  async wait(db: Db, id: string): Promise<void> {
    const heard = new Promise<void>((resolve) => {
      const list = this.#waiters.get(id) ?? [];
      list.push(resolve);
      this.#waiters.set(id, list);
    });
    // asked after the waiter is in place, so that an end written in between is not missed
    const row = await findJob(db, id);
    if (row && (row.state === "completed" || row.state === "failed")) this.ended(id);
    return heard;
  }

  ended(id: string): void {
    const list = this.#waiters.get(id);
    this.#waiters.delete(id);
    for (const resolve of list ?? []) resolve();
  }
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  const rows = await db.select(JOB_COLUMNS).from(jobs).where(eq(jobs.id, id)).limit(1);
  return rows[0];
}

/** Run one job's handler and record its outcome in the `jobs` table. */
async function runJob(
  db: Db,
  handlers: Map<string, JobHandler>,
  id: string,
  logError: (e: unknown) => void,
  ends: JobEnds,
) {
  try {
    await runJobOnce(db, handlers, id, logError);
  } finally {
    ends.ended(id);
  }
}

async function runJobOnce(db: Db, handlers: Map<string, JobHandler>, id: string, logError: (e: unknown) => void) {
  const row = await findJob(db, id);
  if (!row || row.state === "completed" || row.state === "failed") return;
  const handler = handlers.get(row.name);
  await db.update(jobs).set({ state: "running", startedAt: new Date() }).where(eq(jobs.id, id));
  try {
    if (!handler) throw new Error(`no handler for job ${row.name}`);
    const out = await handler({
      id,
      payload: row.payload,
      async progress(done, total, message) {
        await db
          .update(jobs)
          .set({ done, ...(total === undefined ? {} : { total }), ...(message === undefined ? {} : { message }) })
          .where(eq(jobs.id, id));
      },
    });
    const [result, commit, file] = out instanceof JobOutcome ? [out.result, out.commit, out.file] : [out];
    await transact(db, async (tx) => {
      await tx
        .update(jobs)
        .set({
          state: "completed",
          result: (result ?? null) as object | null,
          finishedAt: new Date(),
          ...(file ? { file: jobFileValue(file) } : {}),
        })
        .where(eq(jobs.id, id));
      if (commit) await commit(tx);
    });
  } catch (e) {
    const error =
      e instanceof DomainError
        ? { code: e.code, message: e.text.zh, messageEn: e.text.en, location: e.location ?? null }
        : { code: "internal", message: "任务失败", messageEn: "The job failed" };
    if (!(e instanceof DomainError)) logError(e);
    await db.update(jobs).set({ state: "failed", error, finishedAt: new Date() }).where(eq(jobs.id, id));
  }
}

/**
 * Quotas (issue 15): at most this many jobs queued or running per account and per organisation; one more is
 * refused (429) until one finishes. Counted under a transaction lock per account, so parallel requests cannot
 * slip past the count.
 */
export const JOB_QUOTA = { perAccount: 5, perOrganisation: 20 } as const;

const ACTIVE = inArray(jobs.state, ["queued", "running"]);

async function insertJob(
  db: Db,
  name: string,
  payload: unknown,
  meta: { orgId?: string | null; createdBy?: string | null },
) {
  return transact(db, async (tx) => {
    const count = async (where: SQL) =>
      (
        await tx
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(jobs)
          .where(and(ACTIVE, where))
      )[0]!.n;
    if (meta.createdBy) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(730004, hashtext(${meta.createdBy}))`);
      if ((await count(eq(jobs.createdBy, meta.createdBy))) >= JOB_QUOTA.perAccount) throw quotaReached("account");
    }
    if (meta.orgId) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(730005, hashtext(${meta.orgId}))`);
      if ((await count(eq(jobs.orgId, meta.orgId))) >= JOB_QUOTA.perOrganisation) throw quotaReached("organisation");
    }
    const [row] = await tx
      .insert(jobs)
      .values({
        name,
        payload: (payload ?? {}) as object,
        orgId: meta.orgId ?? null,
        createdBy: meta.createdBy ?? null,
      })
      .returning({ id: jobs.id });
    return row!.id;
  });
}

function quotaReached(who: "account" | "organisation"): ServerError {
  const n = who === "account" ? JOB_QUOTA.perAccount : JOB_QUOTA.perOrganisation;
  return new ServerError("too_many_requests", {
    zh: `${who === "account" ? "您" : "本单位"}已有 ${n} 个后台任务在排队或运行，请等其完成后再提交`,
    en: `${who === "account" ? "You have" : "Your organisation has"} ${n} background jobs queued or running: wait for one to finish`,
  });
}

/** Imports (someone waits at the upload) go before long batch jobs: a fair order for the one-at-a-time queue. */
const urgent = (name: string) => name.startsWith("import.");

export function inProcessQueue(
  db: Db,
  logError: (e: unknown) => void = () => {},
): JobQueue & { idle(): Promise<void> } {
  const handlers = new Map<string, JobHandler>();
  const ends = new JobEnds();
  const pending: { id: string; name: string }[] = [];
  let running: Promise<void> | undefined;
  let stopped = true;
  const pump = () => {
    if (running || stopped) return;
    const first = pending.findIndex((p) => urgent(p.name));
    const [next] = pending.splice(first >= 0 ? first : 0, 1);
    if (!next) return;
    running = runJob(db, handlers, next.id, logError, ends).finally(() => {
      running = undefined;
      pump();
    });
  };
  return {
    engine: "in-process",
    register(name, handler) {
      handlers.set(name, handler as JobHandler);
    },
    async enqueue(name, payload, meta = {}) {
      const id = await insertJob(db, name, payload, meta);
      pending.push({ id, name });
      pump();
      return id;
    },
    async start() {
      stopped = false;
      // Jobs a crash interrupted cannot be resumed halfway: they fail with a reason; queued ones run now.
      await db
        .update(jobs)
        .set({
          state: "failed",
          error: { code: "interrupted", message: "任务因服务停止而中断", messageEn: "Interrupted by a server stop" },
          finishedAt: new Date(),
        })
        .where(eq(jobs.state, "running"));
      const queued = await db
        .select({ id: jobs.id, name: jobs.name })
        .from(jobs)
        .where(eq(jobs.state, "queued"))
        .orderBy(jobs.createdAt);
      pending.push(...queued);
      pump();
    },
    async stop() {
      stopped = true;
      await running;
    },
    async idle() {
      while (running || (pending.length > 0 && !stopped)) await running;
    },
    ended: (id) => ends.wait(db, id),
  };
}

const PGBOSS_START_LOCK = 730_003;

/** pg-boss on the application's own pool (no second pool); pg-boss keeps its tables in schema `pgboss`. */
export async function pgBossQueue(db: Db, pool: pg.Pool, logError: (e: unknown) => void = () => {}): Promise<JobQueue> {
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values as never[]) },
    supervise: true,
    schedule: false,
  } as never);
  boss.on("error", logError);
  const handlers = new Map<string, JobHandler>();
  const ends = new JobEnds();
  let started = false;
  const work = async (name: string) => {
    await boss.work<{ jobId: string }>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await runJob(db, handlers, job.data.jobId, logError, ends);
    });
  };
  return {
    engine: "pg-boss",
    register(name, handler) {
      handlers.set(name, handler as JobHandler);
      if (started)
        boss
          .createQueue(name)
          .then(() => work(name))
          .catch(logError);
    },
    async enqueue(name, payload, meta = {}) {
      const id = await insertJob(db, name, payload, meta);
      await boss.createQueue(name);
      await boss.send(name, { jobId: id }, meta.expireInSeconds ? { expireInSeconds: meta.expireInSeconds } : {});
      return id;
    },
    async start() {
      // pg-boss creates its schema at first start: instances starting together would race on it (a duplicate
      // pg_namespace key), so the start and the queues' creation run under a session advisory lock held on a
      // dedicated connection.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [PGBOSS_START_LOCK]);
        try {
          await boss.start();
          // Creating a queue is DDL too (pg-boss makes its partition): two instances doing it at once deadlocked.
          for (const name of handlers.keys()) await boss.createQueue(name);
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [PGBOSS_START_LOCK]);
        }
      } finally {
        client.release();
      }
      started = true;
      for (const name of handlers.keys()) await work(name);
    },
    async stop() {
      started = false;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
    ended: (id) => ends.wait(db, id),
  };
}
