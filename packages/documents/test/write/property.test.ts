/**
 * Round trip on generated documents (fast-check): project goal tables with random names, descriptions, targets
 * (including text that looks like a formula) and exact amounts, written as xlsx and docx and read back: the names,
 * texts and fen come back as generated, and a second round trip changes nothing.
 */

import type { ImportedDocument, Indicator, Project } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { exportDocument } from "../../src/write/index.ts";
import { dataOf, ws } from "./compare.ts";

const WORDS = [
  "培训",
  "经费",
  "车辆",
  "维护",
  "交通",
  "安全",
  "宣传",
  "设备",
  "运行",
  "群众",
  "满意",
  "执法",
  "系统",
  "保障",
];
const word = fc.constantFrom(...WORDS);
const phrase = fc.array(word, { minLength: 2, maxLength: 6 }).map((w) => w.join(""));
const target = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((n) => `≥${n}人次`),
  fc.integer({ min: 1, max: 100 }).map((n) => `${n}%以上`),
  fc.integer({ min: 1, max: 999 }).map((n) => `≤${n}元/人/天`),
  fc.constantFrom("符合相关规定", "2024年12月30日前", "=1+1", "+2", "-3+4", "@SUM(A1)", "明显提高"),
);
const LEVELS: [string, string][] = [
  ["产出指标", "数量指标"],
  ["产出指标", "质量指标"],
  ["产出指标", "时效指标"],
  ["效益指标", "社会效益指标"],
  ["满意度指标", "服务对象满意度指标"],
];
const fen = fc.bigInt({ min: 1n, max: 10_000_000_000n }).map((f) => f * 100n);

const loc = { file: "generated" };
const amount = (f: bigint) => ({ text: "", unit: "万元" as const, fen: f.toString() });

const project = fc
  .record({
    name: phrase,
    goal: phrase,
    purpose: phrase,
    budget: fen,
    indicators: fc.array(fc.record({ level: fc.nat({ max: LEVELS.length - 1 }), name: phrase, desc: phrase, target }), {
      minLength: 1,
      maxLength: 8,
    }),
  })
  .map(({ name, goal, purpose, budget, indicators }): Project => {
    const sorted = [...indicators].sort((a, b) => a.level - b.level);
    return {
      name: `${name}项目`,
      title: `2024年度${name}项目绩效目标表`,
      organisation: {
        code: "374101",
        name: "天津市公安交通管理局警务保障处",
        text: "374101天津市公安交通管理局警务保障处",
      },
      budget: amount(budget),
      funding: { fiscal: amount(budget) },
      purpose,
      goal,
      indicators: sorted.map(
        (x, i): Indicator => ({
          level1: LEVELS[x.level]![0],
          level2: LEVELS[x.level]![1],
          name: `${x.name}${i}`,
          description: x.desc,
          target: { text: x.target },
          location: loc,
        }),
      ),
      location: loc,
    };
  });

function documentOf(projects: Project[]): ImportedDocument {
  return {
    file: "generated.json",
    format: "json",
    kinds: ["project-goals"],
    organisations: [],
    dutyGoals: [],
    projects,
    projectSelfEvaluations: [],
    paragraphs: [],
    unmapped: [],
  };
}

async function roundTrip(
  doc: ImportedDocument,
  format: "xlsx" | "docx",
  as: "project-goals" | "project-goals-national",
) {
  const out = await exportDocument(doc, { as, format });
  return importDocument((await readDocument(out.data, out.fileName)) as SourceDocument);
}

describe("generated project goal tables round-trip", () => {
  it("names, texts and amounts come back; a second round trip changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(project, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("xlsx", "docx"),
        fc.constantFrom("project-goals", "project-goals-national"),
        async (projects, format, as) => {
          const doc = documentOf(projects);
          const first = await roundTrip(doc, format as "xlsx" | "docx", as as "project-goals");
          expect(first.document.unmapped).toEqual([]);
          const got = first.document.projects;
          expect(got.map((p) => [p.name, p.title, p.goal, p.purpose, p.budget?.fen, p.funding?.fiscal?.fen])).toEqual(
            projects.map((p) => [p.name, p.title, p.goal, p.purpose, p.budget?.fen, p.funding?.fiscal?.fen]),
          );
          expect(
            got.map((p) =>
              p.indicators.map((i) => [i.level1, i.level2, i.name, i.description, ws(i.target?.text ?? "")]),
            ),
          ).toEqual(
            projects.map((p) => p.indicators.map((i) => [i.level1, i.level2, i.name, i.description, i.target?.text])),
          );
          const second = await roundTrip(first.document, format === "xlsx" ? "docx" : "xlsx", as as "project-goals");
          expect(dataOf(second.document, "project-goals")).toEqual(dataOf(first.document, "project-goals"));
        },
      ),
      { numRuns: 12, seed: 20261123 },
    );
  });
});
