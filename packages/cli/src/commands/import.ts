/**
 * `jixiao import <file> [--kind <kind>] [--json] [--explain]`: reads a document (docx, xlsx, pdf, or text
 * extracted from Word / PDF / web pages), recognises what it holds and prints what was read: the kind, a summary,
 * the coverage (how much of the document was read, and where the unread parts are) and the problems; `--explain`
 * adds the evidence for every kind (confidence and reasons); `--json` the whole result including the normalised
 * document (docs/import-format.md).
 *
 * Exit codes: 0 read (even with warnings), 1 the file could not be read or nothing in it was recognised,
 * 2 usage errors.
 */
import { formatLocation } from "@jixiao/core";
import { formatLabel, type ImportResult, KIND_NAMES, KINDS, type Kind } from "@jixiao/documents";
import { parseArgs, UsageError } from "../args.ts";
import type { Io } from "../run.ts";
import { type Imported, readAndImport } from "./read-file.ts";

const USAGE = `用法 usage: jixiao import <文件 file> [--kind <类型 kind>] [--json] [--explain]
  类型 kinds: ${KINDS.join(", ")}\n`;

export async function main(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args, { flags: ["json", "explain"], options: ["kind"] });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (parsed.positional.length !== 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  const kindArg = parsed.options.get("kind");
  if (kindArg !== undefined && !(KINDS as readonly string[]).includes(kindArg)) {
    io.stderr.write(`未知类型 unknown kind: ${kindArg}\n${USAGE}`);
    return 2;
  }
  const path = parsed.positional[0]!;

  const read = await readAndImport(path, {
    ...(kindArg ? { kind: kindArg as Kind } : {}),
    explain: parsed.flags.has("explain"),
  });
  if (!read.ok) {
    io.stderr.write(`${read.message}\n`);
    return 1;
  }
  const result = read.value;
  if (parsed.flags.has("json")) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.stdout.write(human(result, parsed.flags.has("explain")));
  }
  return result.kind === null ? 1 : 0;
}

/** Problems listed in the human summary; --json has them all. Errors and warnings come before notes. */
const MAX_SHOWN = 60;

const SEVERITY: Record<string, string> = { error: "错误 error", warning: "警告 warning", info: "提示 info" };

function human(r: Imported, explain: boolean): string {
  const s = r.summary;
  const lines: string[] = [];
  lines.push(`文件 file: ${r.document.file}（${formatLabel(r.document.format)}）`);
  if (r.kinds.length === 0) lines.push("类型 kind: 未识别 not recognised");
  else lines.push(`类型 kind: ${r.kinds.map((k) => `${KIND_NAMES[k].zh} (${k})`).join("；")}`);
  if (r.document.title) lines.push(`标题 title: ${r.document.title}`);
  lines.push(`单位 organisations: ${s.organisations}${orgNames(r)}`);
  lines.push(`职责 duties: ${s.duties}    工作活动 activities: ${s.activities}`);
  lines.push(`项目 projects: ${s.projects}    指标 indicators: ${s.indicators}`);
  if (s.budgetTotalYuan !== undefined) {
    lines.push(
      `预算合计 budget total: ${group(s.budgetTotalYuan)} 元 = ${group(s.budgetTotalWanYuan ?? "")} 万元（${s.budgetTotalBasis ?? ""}）`,
    );
  }
  lines.push(...coverageLines(r));
  if (explain) lines.push(...explainLines(r));
  lines.push(`问题 problems: 错误 ${s.problems.error} / 警告 ${s.problems.warning} / 提示 ${s.problems.info}`);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const shown = [...r.problems].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, MAX_SHOWN);
  for (const p of shown) {
    lines.push(`  [${SEVERITY[p.severity]}] ${formatLocation(p.location, "zh")}: ${p.message}`);
    lines.push(`      ${p.messageEn}`);
  }
  if (r.problems.length > shown.length) {
    const more = r.problems.length - shown.length;
    lines.push(`  …另有 ${more} 条问题，用 --json 查看全部 / ${more} more problems: use --json to see all`);
  }
  return `${lines.join("\n")}\n`;
}

function orgNames(r: ImportResult): string {
  const names = r.document.organisations.map((o) => (o.code ? `${o.code} ${o.name}` : o.name));
  return names.length > 0 ? `（${names.join("、")}）` : "";
}

function group(decimalText: string): string {
  const [whole, frac] = decimalText.split(".") as [string, string | undefined];
  const neg = whole.startsWith("-");
  const digits = neg ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/** How much was read, and the unread places (at most MAX_UNREAD_SHOWN; --json has them all). */
function coverageLines(r: ImportResult): string[] {
  const c = r.coverage;
  const out = [
    `读取 coverage: ${c.share}%（${c.lines.read}/${c.lines.total} 行 lines，表格 tables ${c.tables.read}/${c.tables.total}，数字 figures ${c.figures}）` +
      (c.sufficient ? "" : ` — 未能判断 cannot judge（门槛 threshold ${c.threshold}%）`),
  ];
  for (const reason of c.reasons) out.push(`  ! ${reason.zh} / ${reason.en}`);
  const shown = c.unread.slice(0, MAX_UNREAD_SHOWN);
  if (shown.length > 0) out.push("  未读 unread:");
  for (const u of shown) {
    const what = u.what === "table" ? "表格 table" : u.what === "rows" ? "行 rows" : "段落 lines";
    const where = `${formatLocation(u.location, "zh")}${u.toRow !== undefined ? ` 至第 ${u.toRow} 行` : ""}`;
    out.push(`    ${where}（${what} ×${u.lines}）: ${u.text}`);
  }
  const more = c.unread.length - shown.length + (c.unreadOmitted ?? 0);
  if (more > 0) out.push(`    …另有 ${more} 处 / ${more} more: use --json`);
  return out;
}

const MAX_UNREAD_SHOWN = 12;

function explainLines(r: Imported): string[] {
  const out: string[] = [];
  if (r.layout)
    out.push(
      "版式 layout (readings tried per stretch of lines; ✔ kept):",
      ...r.layout.split("\n").map((l) => `  ${l}`),
    );
  out.push("识别依据 recognition:");
  for (const e of r.recognition) {
    out.push(`  ${e.recognised ? "✔" : "✘"} ${KIND_NAMES[e.kind].zh} (${e.kind}) ${e.confidence}%`);
    for (const reason of e.reasons) out.push(`      ${reason.zh}`);
  }
  return out;
}
