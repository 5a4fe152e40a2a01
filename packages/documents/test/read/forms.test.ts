/**
 * The generated forms (fixtures/generated/, written by make-fixtures.ts with the docx and exceljs packages) read
 * back cell by cell: two-row merged headers, vertically merged 一级/二级 cells, cells over two lines, `**`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { expectedCells, PROJECT_GOAL_SPEC, SELF_EVAL_SPEC, type Spec } from "./build.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

async function firstTable(name: string): Promise<Table> {
  const doc = await readDocument(readFileSync(join(root, "fixtures/generated", name)), name);
  if (doc.format === "text") throw new Error("text");
  const t = doc.blocks.find((b) => b.type === "table");
  if (t?.type !== "table") throw new Error("no table");
  return t.table;
}

function expectCells(actual: Cell[][], spec: Spec) {
  const expected = expectedCells(spec);
  expect(actual.length).toBe(expected.length);
  for (let r = 0; r < expected.length; r++) {
    expect(actual[r]!.length).toBe(expected[r]!.length);
    for (let c = 0; c < expected[r]!.length; c++) expect([r, c, actual[r]![c]]).toEqual([r, c, expected[r]![c]]);
  }
}

describe("generated forms", () => {
  for (const ext of ["docx", "xlsx"]) {
    it(`项目支出绩效目标表 (.${ext})`, async () => {
      expectCells((await firstTable(`project-goal.${ext}`)).rows, PROJECT_GOAL_SPEC);
    });

    it(`部门整体支出绩效自评表 with a two-row merged header (.${ext})`, async () => {
      const t = await firstTable(`self-evaluation.${ext}`);
      expectCells(t.rows, SELF_EVAL_SPEC);
      // Spelled out: the header pair an importer keys on, and the covered cells under the merged headers.
      expect(t.rows[6]![0]).toEqual({ text: "绩效指标", colSpan: 3 });
      expect(t.rows[7]!.map((c) => c.text)).toEqual([
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "偏差原因分析及改进措施",
      ]);
      expect(t.rows[7]![4]).toEqual({ text: "指标值", mergedFrom: [6, 4] });
      expect(t.rows[10]![0]).toEqual({ text: "产出指标", mergedFrom: [8, 0] });
      expect(t.rows[9]![1]).toEqual({ text: "数量指标", mergedFrom: [8, 1] });
      expect(t.rows[5]![6]!.text).toBe("**");
      expect(t.rows[2]![6]!.text).toBe("执行数\n（系统提取）");
      if (ext === "xlsx") expect(t.sourceRows?.[0]).toBe(2);
    });
  }
});
