/** The seeds' normalised documents (imported from the seed text) and a project self-evaluation built from seed 004. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ImportedDocument, Indicator, ProjectSelfEvaluation } from "@jixiao/core/model";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

export const ROOT = join(import.meta.dirname, "../../../..");

export const SEEDS = [
  "000_c8bf763ea5097ffd",
  "001_cf6ae51127079c27",
  "002_720a01ff2c7d777f",
  "003_edf844a12b53980c",
  "004_8649601bbeaed617",
] as const;

const cache = new Map<string, ImportedDocument>();

export function seedDocument(seed: string): ImportedDocument {
  let doc = cache.get(seed);
  if (!doc) {
    const text = readFileSync(join(ROOT, "fixtures/seeds", `${seed}.txt`), "utf8");
    doc = importDocument(readExtractedText(text, `${seed}.txt`)).document;
    cache.set(seed, doc);
  }
  return structuredClone(doc);
}

const loc = { file: "sample" };
/** An amount in 万元 from fen, written as a department would type it (`47.5`). */
const amount = (fen: bigint) => {
  const yuan = `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;
  const wan = `${fen / 1_000_000n}.${(fen % 1_000_000n).toString().padStart(6, "0")}`.replace(/\.?0+$/, "");
  return { text: wan, unit: "万元" as const, fen: fen.toString(), yuan };
};

/**
 * 项目支出绩效自评表 for three of seed 004's projects: their indicators with an actual value, points and a
 * score each (the national 50/30/10 + 10 for the budget), the funds from the project's budget. The values are
 * plain text as a department would type them, so the import reads them the same way each time.
 */
export function projectSelfEvaluationSample(): ImportedDocument {
  const seed = seedDocument("004_8649601bbeaed617");
  const evaluations: ProjectSelfEvaluation[] = seed.projects.slice(0, 3).map((p) => {
    const budget = BigInt(p.budget?.fen ?? "0");
    const indicators: Indicator[] = p.indicators.map((x, i) => ({
      name: x.name,
      ...(x.level1 ? { level1: x.level1 } : {}),
      ...(x.level2 ? { level2: x.level2 } : {}),
      target: { text: x.target?.text ?? "" },
      actual: { text: x.target?.text ?? "" },
      weight: { text: i === 0 ? "20" : "10", value: i === 0 ? "20" : "10" },
      score: { text: i === 0 ? "18" : "10", value: i === 0 ? "18" : "10" },
      ...(i === 0 ? { deviation: "部分培训因场地调整延后，已于次年一季度补训。" } : {}),
      location: loc,
    }));
    return {
      name: p.name,
      department: "天津市公安交通管理局",
      implementer: p.organisation?.name ?? "",
      funds: [
        {
          label: "年度资金总额",
          initial: amount(budget),
          budget: amount(budget),
          executed: amount((budget * 95n) / 100n),
          weight: { text: "10", value: "10" },
          rate: { text: "95%", percent: "95" },
          score: { text: "9.5", value: "9.5" },
          location: loc,
        },
        {
          label: "其中：当年财政拨款",
          initial: amount(budget),
          budget: amount(budget),
          executed: amount((budget * 95n) / 100n),
          location: loc,
        },
        { label: "上年结转资金", location: loc },
        { label: "其他资金", location: loc },
      ],
      expectedGoal: p.goal ?? "",
      actualOutcome: "按计划完成年度目标，培训覆盖全体民警辅警。",
      indicators,
      totalScore: { text: "88.5", value: "88.5" },
      location: loc,
    };
  });
  return {
    file: "sample.json",
    format: "json",
    kinds: ["project-self-evaluation"],
    organisations: [{ name: "天津市公安交通管理局" }],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: evaluations,
    paragraphs: [],
    unmapped: [],
  };
}
