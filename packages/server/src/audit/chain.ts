/**
 * Verify the audit trail's hash chain (migration 0011 writes it in the database, row by row, at insert).
 * The check recomputes every hash here, independently of the database's own function: it reads each row's
 * fields as text (the timestamp in UTC with microseconds, JSON as PostgreSQL's canonical jsonb text), and
 * compares. A rewritten row breaks its own hash; a removed or inserted row breaks the numbering or the next
 * hash. Someone who can rewrite the whole chain can also recompute it: anchor the latest `seq:hash` outside the
 * database (docs/deploy.md) and pass it back with `anchors` to prove the chain still contains it.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";

export const GENESIS_HASH = "0".repeat(64);
const PAGE = 2000;

export interface ChainBreak {
  /** The chain position (or null for a row outside the chain) and the row's id. */
  seq: string | null;
  id: string;
  problem: "hash_mismatch" | "gap" | "unchained" | "anchor_mismatch" | "anchor_missing";
  zh: string;
  en: string;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The latest row: write `${seq}:${hash}` down outside the database. */
  head: { seq: string; hash: string } | null;
  breaks: ChainBreak[];
}

/** One field of the hashed text: "-" for NULL, else its UTF-8 byte length, ":" and the text. */
export function field(x: string | null): string {
  return x === null ? "-" : `${Buffer.byteLength(x, "utf8")}:${x}`;
}

export function rowHash(prev: string, fields: (string | null)[]): string {
  return createHash("sha256")
    .update(`${prev}\n${fields.map(field).join("")}`, "utf8")
    .digest("hex");
}

type Row = Record<string, string | null> & { seq: string; id: string; hash: string | null };

/** An anchor written down earlier: the row at `seq` must still carry `hash`. */
export interface Anchor {
  seq: string;
  hash: string;
}

export function parseAnchor(text: string): Anchor | undefined {
  const m = /^\s*(\d+):([0-9a-f]{64})\s*$/i.exec(text);
  return m ? { seq: m[1]!, hash: m[2]!.toLowerCase() } : undefined;
}

/** Walk the whole chain in order; at most `maxBreaks` problems are listed (the count of rows is always full). */
export async function verifyAuditChain(
  db: Db,
  options: { anchors?: Anchor[]; maxBreaks?: number } = {},
): Promise<ChainReport> {
  const maxBreaks = options.maxBreaks ?? 20;
  const breaks: ChainBreak[] = [];
  const note = (b: ChainBreak) => {
    if (breaks.length < maxBreaks) breaks.push(b);
  };
  const anchors = new Map((options.anchors ?? []).map((a) => [a.seq, a.hash]));
  const seen = new Set<string>();

  const unchained = await db.execute<{ id: string }>(
    sql`SELECT id::text AS id FROM audit_events WHERE chain_seq IS NULL OR hash IS NULL ORDER BY id LIMIT ${maxBreaks}`,
  );
  for (const r of rowsOf<{ id: string }>(unchained)) {
    note({
      seq: null,
      id: r.id,
      problem: "unchained",
      zh: `审计记录 id=${r.id} 不在哈希链中（绕过触发器写入）`,
      en: `Audit row id=${r.id} is outside the hash chain (written around the trigger)`,
    });
  }

  let prev = GENESIS_HASH;
  let expected = 1n;
  let rows = 0;
  let head: ChainReport["head"] = null;
  let after = 0n;
  for (;;) {
    const page = rowsOf<Row>(
      await db.execute<Row>(sql`
        SELECT chain_seq::text AS seq, id::text AS id, hash,
          to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
          actor_id::text AS actor_id, actor_name, org_id::text AS org_id, action, entity_type, entity_id,
          before::text AS before, after::text AS after, ip, details::text AS details
        FROM audit_events WHERE chain_seq > ${after.toString()}::bigint ORDER BY chain_seq LIMIT ${PAGE}`),
    );
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      const seq = BigInt(r.seq);
      if (seq !== expected) {
        note({
          seq: r.seq,
          id: r.id,
          problem: "gap",
          zh: `审计哈希链在第 ${expected} 条处断开：下一条是第 ${seq} 条（有记录被删除）`,
          en: `The audit hash chain breaks at position ${expected}: the next row is ${seq} (rows were removed)`,
        });
      }
      const fields = [
        r.seq,
        r.id,
        r.at ?? null,
        r.actor_id ?? null,
        r.actor_name ?? null,
        r.org_id ?? null,
        r.action ?? null,
        r.entity_type ?? null,
        r.entity_id ?? null,
        r.before ?? null,
        r.after ?? null,
        r.ip ?? null,
        r.details ?? null,
      ];
      const own = rowHash(prev, fields);
      if (r.hash !== own) {
        // This row was changed after writing — or the row before it was, and its hash recomputed to hide it.
        note({
          seq: r.seq,
          id: r.id,
          problem: "hash_mismatch",
          zh: `审计记录第 ${r.seq} 条（id=${r.id}）的哈希不符：该记录或其前一条在写入后被改动`,
          en: `Audit row ${r.seq} (id=${r.id}) does not match its hash: it or the row before it was changed after writing`,
        });
      }
      const anchored = anchors.get(r.seq);
      if (anchored !== undefined) {
        seen.add(r.seq);
        if (anchored !== r.hash) {
          note({
            seq: r.seq,
            id: r.id,
            problem: "anchor_mismatch",
            zh: `审计记录第 ${r.seq} 条的哈希与库外保存的锚点不同：哈希链被整体重算过`,
            en: `Audit row ${r.seq}'s hash differs from the anchor kept outside the database: the chain was recomputed`,
          });
        }
      }
      // Continue from the stored hash, so one changed row is reported once rather than breaking every later one.
      prev = r.hash ?? own;
      expected = seq + 1n;
      after = seq;
      head = { seq: r.seq, hash: r.hash ?? own };
    }
    if (page.length < PAGE) break;
  }
  for (const [seq] of anchors) {
    if (!seen.has(seq)) {
      note({
        seq,
        id: "",
        problem: "anchor_missing",
        zh: `库外锚点指向的审计记录第 ${seq} 条已不存在`,
        en: `The audit row ${seq} named by an anchor kept outside the database is gone`,
      });
    }
  }
  return { ok: breaks.length === 0, rows, head, breaks };
}

function rowsOf<T>(result: unknown): T[] {
  // node-postgres returns { rows }, PGlite returns { rows } too; be tolerant of a bare array.
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
