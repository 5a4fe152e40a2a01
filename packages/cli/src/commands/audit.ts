/**
 * `jixiao audit verify [--anchor <seq:hash>]… [--anchors <file>] [--json]`: recompute the audit trail's hash chain
 * (DATA_DIR or DATABASE_URL; the embedded server must be stopped) and name every changed, removed or smuggled-in
 * row. Prints the latest `seq:hash`: keep it outside the database (docs/deploy.md), and pass earlier ones back
 * with --anchor / --anchors to prove the chain was not recomputed as a whole. Exit 0 intact, 1 broken, 2 usage.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Anchor, openDatabase, parseAnchor, verifyAuditChain } from "@jixiao/server";
import type { Io } from "../run.ts";

const USAGE =
  "jixiao audit verify [--anchor <seq:hash>]… [--anchors <file>] [--json]   (DATA_DIR=./data | DATABASE_URL=postgres://…)\n";

export async function main(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "verify" || rest.includes("--help")) {
    io.stdout.write(USAGE);
    return sub === undefined || sub === "verify" || sub === "--help" ? 0 : 2;
  }
  const anchors: Anchor[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = rest[i + 1];
    if (a === "--anchor" || a === "--anchors") {
      if (value === undefined) {
        io.stderr.write(`${a} 缺少参数 / needs a value\n${USAGE}`);
        return 2;
      }
      i++;
      const lines = a === "--anchor" ? [value] : readFileSync(resolve(value), "utf8").split(/\r?\n/);
      for (const [n, line] of lines.entries()) {
        if (!line.trim() || line.trim().startsWith("#")) continue;
        // An anchors file may keep a date or note after the seq:hash: the first word counts.
        const parsed = parseAnchor(line.trim().split(/\s+/)[0] ?? "");
        if (!parsed) {
          const where = a === "--anchor" ? "--anchor" : `${value} 第 ${n + 1} 行 / line ${n + 1}`;
          io.stderr.write(`${where}：锚点应为 序号:64位十六进制哈希 / an anchor is seq:<64 hex digits>: ${line}\n`);
          return 2;
        }
        anchors.push(parsed);
      }
    } else if (a !== "--json") {
      io.stderr.write(`未知参数 unknown argument: ${a}\n${USAGE}`);
      return 2;
    }
  }
  const url = process.env.DATABASE_URL || undefined;
  const handle = url
    ? await openDatabase({ url, migrate: false, poolSize: 1 })
    : await openDatabase({ dataDir: resolve(process.env.DATA_DIR ?? "./data"), migrate: false });
  try {
    const report = await verifyAuditChain(handle.db, { anchors });
    if (rest.includes("--json")) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.stdout.write(`审计记录 ${report.rows} 条 / ${report.rows} audit rows\n`);
      for (const b of report.breaks) io.stdout.write(`✗ ${b.zh}\n  ${b.en}\n`);
      if (report.ok) io.stdout.write(`✓ 哈希链完整 / the hash chain is intact (${anchors.length} anchors checked)\n`);
      if (report.head) {
        io.stdout.write(`最新锚点（请保存在数据库之外）/ latest anchor (keep it outside the database):\n`);
        io.stdout.write(`${report.head.seq}:${report.head.hash}\n`);
      }
    }
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}
