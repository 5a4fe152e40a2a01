/**
 * `jixiao score <file> [--json]`: the execution rate and score, the sums per level-1 group, the total, the grade,
 * and every difference between what the document states and what the rules compute.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  DomainError,
  type EvaluationFromDocument,
  formatLocation,
  parseEvaluationInput,
  type ScoreResult,
  scoreEvaluation,
} from "@jixiao/core";
import { parseArgs, UsageError } from "../args.ts";
import type { Io } from "../run.ts";
import { loadEvaluationsFromDocument } from "./score-document.ts";

const USAGE = "用法 usage: jixiao score <file.json|自评文档> [--json] [--lang zh|en]\n";

export async function main(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args, { flags: ["json"], options: ["lang"] });
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message);
    throw e;
  }
  if (parsed.positional.length !== 1) return usage(io);
  const path = parsed.positional[0]!;
  const file = basename(path);
  const lang = parsed.options.get("lang") === "en" ? "en" : "zh";

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr.write(`无法读取文件 ${path}（${code ?? "error"}）/ cannot read file ${path} (${code ?? "error"})\n`);
    return 1;
  }

  let inputs: EvaluationFromDocument[];
  if (/\.json$/i.test(file)) {
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
    } catch (e) {
      io.stderr.write(`文件 ${file}：不是有效的 JSON（${(e as Error).message}）/ file ${file}: not valid JSON\n`);
      return 1;
    }
    inputs = [{ title: file, evaluation: json as EvaluationFromDocument["evaluation"], assumptions: [] }];
  } else {
    const loaded = await loadEvaluationsFromDocument(bytes, file);
    if (!loaded.ok) {
      io.stderr.write(`${loaded.message}\n`);
      return 1;
    }
    inputs = loaded.evaluations;
  }

  const results: { result: ScoreResult; from: EvaluationFromDocument }[] = [];
  for (const item of inputs) {
    const input = parseEvaluationInput(item.evaluation);
    if (!input.ok) {
      io.stderr.write(
        `文件 ${file} 有 ${input.problems.length} 处错误 / ${input.problems.length} problem(s) in ${file}:\n`,
      );
      for (const p of input.problems) {
        const where = formatLocation({ file, path: p.path }, lang);
        io.stderr.write(`  ${where}: ${lang === "en" ? p.en : p.zh}\n`);
      }
      return 1;
    }
    let result: ScoreResult;
    try {
      result = scoreEvaluation(input.value);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      io.stderr.write(`文件 ${file}：${e.describe("zh")}\nfile ${file}: ${e.describe("en")}\n`);
      return 1;
    }
    results.push({ result, from: item });
  }

  if (parsed.flags.has("json")) {
    const json = results.map((r) => toJson(r.result, r.from));
    io.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : { evaluations: json }, null, 2)}\n`);
  } else {
    io.stdout.write(results.map((r) => renderText(r.result, r.from, lang)).join("\n"));
  }
  return 0;
}

function usage(io: Io, message?: string): number {
  if (message) io.stderr.write(`${message}\n`);
  io.stderr.write(USAGE);
  return 2;
}

/**
 * The JSON: core's `ScoreResult` exactly as `scoreEvaluation` gives it (the object the server stores, docs/scoring.md),
 * plus what the CLI knows about the input: the weights it had to infer (`assumptions`) and, for a document, the
 * scheme it recognised and why (`recognition`).
 */
function toJson(r: ScoreResult, from: EvaluationFromDocument) {
  return {
    ...r,
    assumptions: from.assumptions,
    ...(from.recognition ? { recognition: from.recognition } : {}),
  };
}

function fmt(n: number | undefined): string {
  return n === undefined ? "—" : String(n);
}

function renderText(r: ScoreResult, from: EvaluationFromDocument, lang: "zh" | "en"): string {
  const zh = lang === "zh";
  const out: string[] = [];
  if (r.title) out.push(r.title, "");
  for (const a of from.assumptions) out.push(`${zh ? "说明" : "Note"}: ${a[lang]}`);
  if (from.assumptions.length) out.push("");
  out.push(
    `${zh ? "评分方案" : "Scheme"}: ${r.scheme.name[lang]}${r.scheme.version ? (zh ? `（${r.scheme.version}）` : ` (${r.scheme.version})`) : ""}`,
  );
  const rec = from.recognition;
  if (rec) {
    out.push(
      `${zh ? "方案识别" : "Recognised by"}: ${rec.reasons.map((x) => x[lang]).join(zh ? "；" : "; ")} (${zh ? "把握" : "confidence"} ${rec.confidence})`,
    );
  }
  out.push(
    `${zh ? "预算执行" : "Budget"}: ${zh ? "预算数" : "budget"} ${r.budget} ${r.unit}, ${zh ? "执行数" : "executed"} ${r.executed} ${r.unit}, ${zh ? "执行率" : "rate"} ${r.executionRate === undefined ? "—" : `${r.executionRate}%`}`,
  );
  out.push(
    `${zh ? "执行率得分" : "Execution score"}: ${fmt(r.executionScore)} / ${r.executionPoints}${r.statedExecutionScore === undefined ? "" : `  (${zh ? "填报" : "stated"} ${r.statedExecutionScore})`}`,
  );
  out.push("", zh ? "一级指标  分值  计算得分  填报得分" : "Group  points  computed  stated");
  for (const g of r.groups) {
    const given = g.inputPoints !== g.points ? ` (${zh ? "填报分值" : "given"} ${g.inputPoints})` : "";
    out.push(`  ${zh ? g.name : g.nameEn}  ${g.points}${given}  ${g.score}  ${fmt(g.statedScore)}`);
  }
  if (r.normalisation.lines.length > 0) {
    out.push("");
    for (const l of r.normalisation.lines) out.push(`  ${l[lang]}`);
  }
  out.push("");
  out.push(`${zh ? "总分" : "Total"}: ${r.total} / ${r.maxTotal} (${r.grade ?? "—"})`);
  if (r.statedTotal !== undefined)
    out.push(`${zh ? "填报总分" : "Stated total"}: ${r.statedTotal} (${r.statedGrade ?? "—"})`);
  if (r.differences.length > 0) {
    out.push(
      "",
      zh
        ? `填报与计算不一致 ${r.differences.length} 处:`
        : `${r.differences.length} difference(s), stated vs computed:`,
    );
    for (const d of r.differences) out.push(`  - ${zh ? d.zh : d.en}`);
  }
  if (r.problems.length > 0) {
    out.push("", zh ? `需要注意 ${r.problems.length} 处:` : `${r.problems.length} problem(s):`);
    for (const p of r.problems) out.push(`  - ${zh ? p.zh : p.en}`);
  }
  return `${out.join("\n")}\n`;
}
