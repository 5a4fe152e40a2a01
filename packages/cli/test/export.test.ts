import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importDocument, readDocument, type SourceDocument } from "@jixiao/documents";
import { describe, expect, it } from "vitest";
import { main } from "../src/commands/export.ts";
import { main as importMain } from "../src/commands/import.ts";
import { run } from "../src/run.ts";
import { captureIo } from "./io.ts";

const ROOT = join(import.meta.dirname, "../../..");
const SEED_001 = join(ROOT, "fixtures/seeds/001_cf6ae51127079c27.txt");
const SEED_004 = join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt");
const tmp = () => mkdtempSync(join(tmpdir(), "jixiao-export-"));

async function reread(file: string) {
  const buf = new Uint8Array(readFileSync(file));
  return importDocument((await readDocument(buf, file)) as SourceDocument);
}

describe("jixiao export", () => {
  it("exports a legacy document (imported on the fly) to xlsx, read back the same", async () => {
    const out = join(tmp(), "goals.xlsx");
    const io = captureIo();
    expect(await main([SEED_004, "--as", "project-goals", "-o", out], io)).toBe(0);
    expect(io.out()).toContain("项目绩效目标表");
    const back = await reread(out);
    expect(back.summary).toMatchObject({ projects: 13, indicators: 111, budgetTotalWanYuan: "3070.21" });
  });

  it("exports the JSON that `jixiao import --json` prints, --format from the option", async () => {
    const dir = tmp();
    const json = join(dir, "004.json");
    const io = captureIo();
    expect(await importMain([SEED_004, "--json"], io)).toBe(0);
    writeFileSync(json, io.out());
    const out = join(dir, "goals.docx");
    expect(await main([json, "--as", "project-goals-national", "--format", "docx", "--out", out], captureIo())).toBe(0);
    const back = await reread(out);
    expect(back.kind).toBe("project-goals");
    expect(back.document.projects).toHaveLength(13);
  });

  it("--as picks the layout when the input holds several (seed 001); without it the main kind, with a note", async () => {
    const dir = tmp();
    const io = captureIo();
    expect(await main([SEED_001, "--as", "duty-activity-goals", "-o", join(dir, "goals.docx")], io)).toBe(0);
    const goals = await reread(join(dir, "goals.docx"));
    expect(goals.kinds).toEqual(["duty-activity-goals"]);
    expect(goals.document.dutyGoals.map((t) => t.duties.length)).toEqual([16, 3]);

    const io2 = captureIo();
    expect(await main([SEED_001, "-o", join(dir, "all.xlsx")], io2)).toBe(0);
    expect(io2.err()).toContain("--as");
    expect((await reread(join(dir, "all.xlsx"))).kinds).toEqual(["budget-disclosure", "duty-activity-goals"]);
  });

  it("writes into a folder under the standard Chinese file name", async () => {
    const dir = tmp();
    expect(await main([SEED_004, "--format", "xlsx", "-o", dir], captureIo())).toBe(0);
    const back = await reread(join(dir, "天津市公安交通管理局警务保障处-项目绩效目标表.xlsx"));
    expect(back.kind).toBe("project-goals");
  });

  it("exit 2 on usage errors: unknown --as, unknown or missing format, unknown option", async () => {
    const dir = tmp();
    const io = captureIo();
    expect(await main([SEED_004, "--as", "nonsense", "-o", join(dir, "x.xlsx")], io)).toBe(2);
    expect(io.err()).toContain("未知文档类型");
    const io2 = captureIo();
    expect(await main([SEED_004, "--format", "odt", "-o", join(dir, "x.odt")], io2)).toBe(2);
    expect(io2.err()).toContain("未知格式");
    expect(await main([SEED_004], captureIo())).toBe(2);
    expect(await main([SEED_004, "--bogus", "-o", join(dir, "x.xlsx")], captureIo())).toBe(2);
    expect(await main([], captureIo())).toBe(2);
  });

  it("exit 1 when the input cannot be read, holds nothing, or lacks the document asked for", async () => {
    const dir = tmp();
    const io = captureIo();
    expect(await main([join(dir, "missing.txt"), "-o", join(dir, "x.xlsx")], io)).toBe(1);
    expect(io.err()).toContain("无法");
    const memo = join(dir, "memo.txt");
    writeFileSync(memo, "会议纪要\n\t甲\n\t乙\n");
    expect(await main([memo, "-o", join(dir, "x.xlsx")], captureIo())).toBe(1);
    const io3 = captureIo();
    expect(await main([SEED_004, "--as", "budget-disclosure", "-o", join(dir, "x.xlsx")], io3)).toBe(1);
    expect(io3.err()).toContain("没有「部门预算信息公开」的数据");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ document: { file: 1 } }));
    const io4 = captureIo();
    expect(await main([bad, "-o", join(dir, "x.xlsx")], io4)).toBe(1);
    expect(io4.err()).toContain("不是规范化文档");
  });

  it("is listed by `jixiao help`", async () => {
    const io = captureIo();
    expect(await run(["help"], io)).toBe(0);
    expect(io.out()).toContain("export <file|json>");
  });
});
