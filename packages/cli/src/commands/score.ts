/**
 * `jixiao score <file> [--json]`: the execution rate and score, the sums per level-1 group, the total, the grade,
 * and every difference between what the document states and what the rules compute.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
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

  const results: { result: ScoreResult; assumptions: EvaluationFromDocument["assumptions"] }[] = [];
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
    results.push({ result: scoreEvaluation(input.value), assumptions: item.assumptions });
  }

  if (parsed.flags.has("json")) {
    const json = results.map((r) => ({ ...toJson(r.result), assumptions: r.assumptions }));
    io.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : { evaluations: json }, null, 2)}\n`);
  } else {
    io.stdout.write(results.map((r) => renderText(r.result, r.assumptions, lang)).join("\n"));
  }
  return 0;
}

function usage(io: Io, message?: string): number {
  if (message) io.stderr.write(`${message}\n`);
  io.stderr.write(USAGE);
  return 2;
}

/** The JSON the issue names (executionRate as a number of percent, e.g. 88.35), plus the full detail. */
function toJson(r: ScoreResult) {
  return {
    title: r.title,
    scheme: r.scheme.id,
    unit: r.unit,
    budget: r.budget,
    executed: r.executed,
    executionRate: r.executionRate === undefined ? null : Number(r.executionRate),
    executionPoints: r.executionPoints,
    executionScore: r.executionScore ?? null,
    statedExecutionScore: r.statedExecutionScore ?? null,
    groups: r.groups.map((g) => ({
      name: g.name,
      nameEn: g.nameEn,
      level1: g.level1,
      points: g.points,
      weightSum: g.weightSum,
      score: g.score,
      statedScore: g.statedScore ?? null,
    })),
    total: r.total,
    grade: r.grade ?? null,
    statedTotal: r.statedTotal ?? null,
    statedGrade: r.statedGrade ?? null,
    differences: r.differences,
    indicators: r.indicators,
    problems: r.problems,
  };
}

function fmt(n: number | undefined): string {
  return n === undefined ? "—" : String(n);
}

function renderText(r: ScoreResult, assumptions: EvaluationFromDocument["assumptions"], lang: "zh" | "en"): string {
  const zh = lang === "zh";
  const out: string[] = [];
  if (r.title) out.push(r.title, "");
  for (const a of assumptions) out.push(`${zh ? "说明" : "Note"}: ${a[lang]}`);
  if (assumptions.length) out.push("");
  out.push(`${zh ? "评分方案" : "Scheme"}: ${r.scheme.name[lang]}`);
  out.push(
    `${zh ? "预算执行" : "Budget"}: ${zh ? "预算数" : "budget"} ${r.budget} ${r.unit}, ${zh ? "执行数" : "executed"} ${r.executed} ${r.unit}, ${zh ? "执行率" : "rate"} ${r.executionRate === undefined ? "—" : `${r.executionRate}%`}`,
  );
  out.push(
    `${zh ? "执行率得分" : "Execution score"}: ${fmt(r.executionScore)} / ${r.executionPoints}${r.statedExecutionScore === undefined ? "" : `  (${zh ? "填报" : "stated"} ${r.statedExecutionScore})`}`,
  );
  out.push("", zh ? "一级指标  分值  计算得分  填报得分" : "Group  points  computed  stated");
  for (const g of r.groups) {
    out.push(`  ${zh ? g.name : g.nameEn}  ${g.points}  ${g.score}  ${fmt(g.statedScore)}`);
  }
  out.push("");
  out.push(`${zh ? "总分" : "Total"}: ${r.total} (${r.grade ?? "—"})`);
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
