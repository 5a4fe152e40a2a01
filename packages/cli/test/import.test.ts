import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/commands/import.ts";
import { captureIo } from "./io.ts";

const ROOT = join(import.meta.dirname, "../../..");
const SEED_004 = join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt");

describe("jixiao import", () => {
  it("--json prints kind, summary, problems and the normalised document", async () => {
    const io = captureIo();
    // As a user types it from the repository root (where the tests run).
    const code = await main(["fixtures/seeds/004_8649601bbeaed617.txt", "--json"], io);
    expect(code).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.kind).toBe("project-goals");
    expect(out.summary).toMatchObject({
      organisations: 1,
      duties: 0,
      activities: 0,
      projects: 13,
      indicators: 111,
      budgetTotalYuan: "30702100.00",
      budgetTotalWanYuan: "3070.21",
    });
    expect(Array.isArray(out.problems)).toBe(true);
    for (const p of out.problems) {
      expect(["error", "warning", "info"]).toContain(p.severity);
      expect(typeof p.message).toBe("string");
      expect(p.location.file).toBe("004_8649601bbeaed617.txt");
    }
    expect(out.document.projects).toHaveLength(13);
    expect(out.document.projects[0].name).toBe("2024年度教育训练");
    expect(out.document.projects[0].indicators[3].target).toMatchObject({
      text: "≤500元/人/天",
      parsed: { kind: "numeric", op: "<=", value: 500, unit: "元/人/天" },
    });
  });

  it("prints a Chinese summary with amounts in 元 and 万元", async () => {
    const io = captureIo();
    expect(await main([SEED_004], io)).toBe(0);
    const out = io.out();
    expect(out).toContain("项目支出绩效目标表");
    expect(out).toContain("项目 projects: 13");
    expect(out).toContain("指标 indicators: 111");
    expect(out).toContain("30,702,100.00 元 = 3,070.21 万元");
  });

  it("shows a plain text file's format as text (not the text reader's pdf-text or word-text)", async () => {
    const io = captureIo();
    expect(await main([SEED_004], io)).toBe(0);
    expect(io.out()).toContain("文件 file: 004_8649601bbeaed617.txt（text）");
    expect(io.out()).not.toMatch(/pdf-text|word-text/);
  });

  it("prints the coverage always, and with --explain the layout readings and each kind's evidence", async () => {
    const file = join(ROOT, "fixtures/corpus/docs/he-langfang-spxx-2019-pse-1.txt");
    const plain = captureIo();
    expect(await main([file], plain)).toBe(0);
    expect(plain.out()).toMatch(/读取 coverage: \d+\.\d%（\d+\/\d+ 行 lines/);
    expect(plain.out()).not.toContain("识别依据");
    const io = captureIo();
    expect(await main([file, "--explain"], io)).toBe(0);
    const out = io.out();
    expect(out).toContain("版式 layout");
    expect(out).toMatch(/✓ stream\s+第 \d+–\d+ 行/);
    expect(out).toMatch(/✔ 项目支出绩效自评表 \(project-self-evaluation\) \d+%/);
    expect(out).toMatch(/✘ 部门职责-工作活动绩效目标表 \(duty-activity-goals\) \d+%/);
  });

  it("--kind forces a kind and says when its headers are missing", async () => {
    const io = captureIo();
    expect(await main([SEED_004, "--kind", "duty-activity-goals", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.kind).toBe("duty-activity-goals");
    expect(out.problems.map((p: { code: string }) => p.code)).toContain("kind_not_recognised");
  });

  it("exits 1 on a document it cannot recognise, saying which headers were expected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-import-"));
    const file = join(dir, "memo.txt");
    writeFileSync(file, "会议纪要\n\t甲\n\t乙\n");
    const io = captureIo();
    expect(await main([file, "--json"], io)).toBe(1);
    const out = JSON.parse(io.out());
    expect(out.kind).toBeNull();
    expect(out.problems[0].code).toBe("unknown_layout");
    expect(out.problems[0].message).toContain("职责活动");
  });

  it("exits 1 on a missing file and 2 on usage errors", async () => {
    const io = captureIo();
    expect(await main([join(ROOT, "fixtures/seeds/nope.txt")], io)).toBe(1);
    expect(io.err()).toContain("无法读取");
    expect(await main([], captureIo())).toBe(2);
    expect(await main([SEED_004, "--kind", "nonsense"], captureIo())).toBe(2);
    expect(await main([SEED_004, "--bogus"], captureIo())).toBe(2);
  });
});
