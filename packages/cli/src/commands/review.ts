/**
 * `jixiao review <file> [--json] [--lang en] [--config <config.json>]`: reviews a document (anything
 * `jixiao import` reads, or a normalised document as JSON) with core's review rules and prints the findings,
 * grouped by severity, each with its rule, location and message, and the verdict 优/良/中/差 with its reasons.
 * `--config` gives a region's settings (docs/review-rules.md): tolerances, thresholds, severities, disabled rules.
 *
 * Exit codes: 0 reviewed (even with findings), 1 the file could not be read or nothing in it was recognised,
 * 2 usage errors (including an unusable --config).
 */
import { readFile } from "node:fs/promises";
import {
  CATEGORY_EN,
  formatLocation,
  parseReviewConfig,
  type ReviewConfigInput,
  type ReviewResult,
  reviewDocument,
  SEVERITIES,
} from "@jixiao/core";
import { KIND_NAMES } from "@jixiao/documents";
import { parseArgs, UsageError } from "../args.ts";
import type { Io } from "../run.ts";
import { readNormalisedDocument } from "./read-file.ts";

const USAGE = "用法 usage: jixiao review <文件 file> [--json] [--lang zh|en] [--config <配置 config.json>]\n";

type Lang = "zh" | "en";

export async function main(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args, { flags: ["json"], options: ["lang", "config"] });
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
  const lang = parsed.options.get("lang") ?? "zh";
  if (lang !== "zh" && lang !== "en") {
    io.stderr.write(`未知语言 unknown language: ${lang}\n${USAGE}`);
    return 2;
  }
  let config: ReviewConfigInput = {};
  const configPath = parsed.options.get("config");
  if (configPath !== undefined) {
    try {
      const parsedConfig = parseReviewConfig(JSON.parse(await readFile(configPath, "utf8")));
      if (!parsedConfig.ok) {
        throw new Error(parsedConfig.problems.map((p) => `${p.path ? `${p.path}: ` : ""}${p.message}`).join("; "));
      }
      config = parsedConfig.config;
    } catch (e) {
      io.stderr.write(`配置无法使用 unusable --config ${configPath}: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
  }

  const read = await readNormalisedDocument(parsed.positional[0]!);
  if (!read.ok) {
    io.stderr.write(`${read.message}\n`);
    return 1;
  }
  const { document, imported } = read.value;
  if (imported && imported.kind === null) {
    io.stderr.write(
      `未识别文档类型，无法审核 / nothing recognised, nothing to review: ${document.file}\n` +
        "（用 jixiao import 查看原因 / see jixiao import for why）\n",
    );
    return 1;
  }
  const result = reviewDocument(document, config);
  if (parsed.flags.has("json")) {
    io.stdout.write(`${JSON.stringify({ ...result, kinds: document.kinds }, null, 2)}\n`);
  } else {
    io.stdout.write(human(result, document.kinds, lang));
  }
  return 0;
}

const SEVERITY_NAME: Record<Lang, Record<string, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "errors", warning: "warnings", info: "notes" },
};

/** The table, row and column a finding names by their printed names (disclosure findings: `details.table` …). */
function tablePlace(f: ReviewResult["findings"][number], lang: Lang): string {
  const d = f.details;
  if (typeof d?.table !== "string") return "";
  const row = typeof d.tableRow === "string" ? d.tableRow : undefined;
  const column = typeof d.tableColumn === "string" ? d.tableColumn : undefined;
  if (lang === "zh") return `表「${d.table}」${row ? `，行「${row}」` : ""}${column ? `，列「${column}」` : ""}`;
  return `table "${d.table}"${row ? `, row "${row}"` : ""}${column ? `, column "${column}"` : ""}`;
}

function human(r: ReviewResult, kinds: readonly (keyof typeof KIND_NAMES)[], lang: Lang): string {
  const lines: string[] = [];
  const zh = lang === "zh";
  lines.push(`${zh ? "文件" : "file"}: ${r.file}`);
  if (kinds.length > 0)
    lines.push(`${zh ? "类型" : "kind"}: ${kinds.map((k) => KIND_NAMES[k][lang]).join(zh ? "；" : "; ")}`);
  const verdict =
    r.verdict === null
      ? zh
        ? "审核结论: 未能判断"
        : "verdict: cannot judge"
      : zh
        ? `审核结论: ${r.verdict}（${r.verdictPoints} 分）`
        : `verdict: ${r.verdict} (${r.verdictPoints} points)`;
  lines.push(
    `${verdict}  ` +
      `${zh ? "错误" : "errors"} ${r.counts.error} / ${zh ? "警告" : "warnings"} ${r.counts.warning} / ${zh ? "提示" : "notes"} ${r.counts.info}`,
  );
  for (const reason of r.reasons) lines.push(`  - ${reason[lang]}`);
  for (const sev of SEVERITIES) {
    const fs = r.findings.filter((f) => f.severity === sev);
    if (fs.length === 0) continue;
    lines.push("");
    lines.push(`${SEVERITY_NAME[lang][sev]} (${fs.length})`);
    for (const f of fs) {
      const where = [formatLocation({ ...f.location, file: undefined, path: undefined }, lang), tablePlace(f, lang)]
        .filter((x) => x !== "")
        .join(zh ? "；" : "; ");
      const category = zh ? f.category : CATEGORY_EN[f.category];
      lines.push(`  [${f.rule}] ${where || f.location.path || ""}${zh ? `（${category}）` : ` (${category})`}`);
      lines.push(`      ${zh ? f.message : f.messageEn}`);
    }
  }
  if (r.findings.length === 0) lines.push(zh ? "未发现问题" : "no findings");
  return `${lines.join("\n")}\n`;
}
