import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/run.ts";
import { captureIo } from "./io.ts";

const SEED_002 = "fixtures/evaluations/seed-002.json";

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-score-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("jixiao score", () => {
  it("reproduces seed 002's arithmetic as JSON: rate, execution score, groups, total, grade, differences", async () => {
    const io = captureIo();
    expect(await run(["score", SEED_002, "--json"], io)).toBe(0);
    const r = JSON.parse(io.out());
    // 2609.14 / 2953.33 = 0.883463… → 88.35%; 20 × 0.883463 = 17.67; the document states 18 and total 92.
    expect(r.executionRate).toBe(88.35);
    expect(r.executionScore).toBe(17.67);
    expect(r.statedExecutionScore).toBe(18);
    expect(r.statedTotal).toBe(92);
    expect(r.grade).toBe("优");
    const stated = Object.fromEntries(
      r.groups.map((g: { name: string; statedScore: number }) => [g.name, g.statedScore]),
    );
    expect(stated).toEqual({ 产出指标: 35, 效益指标: 30, 满意度指标: 9 });
    const points = r.groups.map((g: { points: number }) => g.points);
    expect(points).toEqual([40, 30, 10]);
    const names = r.differences.map((d: { name: string }) => d.name);
    expect(names).toContain("聘用辅警数量");
    const hired = r.differences.find((d: { name: string }) => d.name === "聘用辅警数量");
    // 2 points × 260 / 302 = 1.7218… → 1.72 suggested, 1 stated.
    expect(hired).toMatchObject({ stated: 1, computed: 1.72 });
  });

  it("prints a readable Chinese report by default and English with --lang en", async () => {
    const io = captureIo();
    expect(await run(["score", SEED_002], io)).toBe(0);
    expect(io.out()).toContain("执行率 88.35%");
    expect(io.out()).toContain("填报总分: 92 (优)");
    expect(io.out()).toContain("聘用辅警数量");
    const en = captureIo();
    expect(await run(["score", SEED_002, "--lang", "en"], en)).toBe(0);
    expect(en.out()).toContain("Stated total: 92");
  });

  it("says where a JSON input is wrong, in Chinese and English, and exits 1", async () => {
    const path = tempFile(
      "bad.json",
      JSON.stringify({
        scheme: "department-2080",
        budget: { budget: "abc", executed: "1" },
        indicators: [{ level1: "产出指标", name: "x", target: "≥1人", actual: "1人", points: -2 }],
      }),
    );
    const io = captureIo();
    expect(await run(["score", path], io)).toBe(1);
    expect(io.err()).toContain("bad.json");
    expect(io.err()).toContain("budget.budget");
    const en = captureIo();
    expect(await run(["score", path, "--lang", "en"], en)).toBe(1);
    expect(en.err()).toMatch(/budget\.budget/);
  });

  it("rejects text that is not JSON and a missing file, without a stack trace", async () => {
    const io = captureIo();
    expect(await run(["score", tempFile("broken.json", "{ not json")], io)).toBe(1);
    expect(io.err()).toContain("不是有效的 JSON");
    const missing = captureIo();
    expect(await run(["score", "/nonexistent/x.json"], missing)).toBe(1);
    expect(missing.err()).toContain("ENOENT");
  });

  it("reports a zero budget as an error to fix, not a division", async () => {
    const path = tempFile(
      "zero.json",
      JSON.stringify({
        scheme: "national-project",
        budget: { budget: "0", executed: "0" },
        indicators: [{ level1: "产出指标", name: "人数", target: "≥10人", actual: "10人", points: 50 }],
      }),
    );
    const io = captureIo();
    expect(await run(["score", path, "--json"], io)).toBe(0);
    const r = JSON.parse(io.out());
    expect(r.executionRate).toBeNull();
    expect(r.executionScore).toBeNull();
    const zero = r.problems.find((p: { code: string }) => p.code === "zero_budget");
    expect(zero.zh).toContain("预算数为 0");
  });

  it("scores a self-evaluation document as imported (seed 002 text), with the weights it had to infer", async () => {
    const io = captureIo();
    expect(await run(["score", "fixtures/seeds/002_720a01ff2c7d777f.txt", "--json"], io)).toBe(0);
    const r = JSON.parse(io.out());
    expect(r.executionRate).toBe(88.35);
    expect(r.statedTotal).toBe(92);
    expect(r.groups.map((g: { statedScore: number }) => g.statedScore)).toEqual([35, 30, 9]);
    expect(r.assumptions.length).toBeGreaterThan(0);
  });

  it("scores seed 003 (no points stated) by the national scheme and says so", async () => {
    const io = captureIo();
    expect(await run(["score", "fixtures/seeds/003_edf844a12b53980c.txt"], io)).toBe(0);
    expect(io.out()).toContain("执行率 99.32%");
    expect(io.out()).toContain("该表未列分值与得分");
  });

  it("refuses a document that holds no self-evaluation, naming what it is", async () => {
    const io = captureIo();
    expect(await run(["score", "fixtures/seeds/004_8649601bbeaed617.txt"], io)).toBe(1);
    expect(io.err()).toContain("没有可评分的自评表");
    expect(io.err()).toContain("project-goals");
  });
});
