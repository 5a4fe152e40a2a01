import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEvaluationInput, scoreEvaluation } from "@jixiao/core";
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
    // The JSON is core's ScoreResult (issue 12): the rate is its decimal text, as stored by the server.
    expect(r.executionRate).toBe("88.35");
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
    expect(r.executionRate).toBeUndefined();
    expect(r.executionScore).toBeUndefined();
    const zero = r.problems.find((p: { code: string }) => p.code === "zero_budget");
    expect(zero.zh).toContain("预算数为 0");
  });

  it("scores a self-evaluation document as imported (seed 002 text), with the weights it had to infer", async () => {
    const io = captureIo();
    expect(await run(["score", "fixtures/seeds/002_720a01ff2c7d777f.txt", "--json"], io)).toBe(0);
    const r = JSON.parse(io.out());
    expect(r.executionRate).toBe("88.35");
    expect(r.statedTotal).toBe(92);
    expect(r.recognition.schemeId).toBe("department-2080");
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

  it("gives no total for a self-evaluation of which too little was read: 未能判断 with why, exit 1", async () => {
    // a recognised project self-evaluation whose every figure is a placeholder, and a long unread annex after it
    const rows = [
      ["项目名称", "某项目", "", "", "", "", ""],
      ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      ["年度资金总额", "**", "**", "**", "**", "**", "**"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "某指标", "**", "**", "**", "**"],
    ];
    const annex = Array.from({ length: 40 }, (_, i) => `附表行${i}\t${i * 7}\t${i * 3}`);
    const path = tempFile(
      "空表.txt",
      ["项目支出绩效自评表", ...rows.map((r) => r.join("\t")), "附表", ...annex].join("\n"),
    );
    for (const json of [false, true]) {
      const io = captureIo();
      expect(await run(["score", path, ...(json ? ["--json"] : [])], io)).toBe(1);
      expect(io.out()).not.toMatch(/100|优/);
      expect(io.err()).toContain("未能判断");
      expect(io.err()).toContain("cannot judge");
    }
  });

  it("the JSON is core's result object exactly (what the server stores), plus the input's assumptions", async () => {
    const io = captureIo();
    expect(await run(["score", SEED_002, "--json"], io)).toBe(0);
    const { assumptions, ...r } = JSON.parse(io.out());
    const input = parseEvaluationInput(JSON.parse(readFileSync(SEED_002, "utf8")));
    if (!input.ok) throw new Error("seed 002 rejected");
    expect(r).toEqual(JSON.parse(JSON.stringify(scoreEvaluation(input.value))));
    expect(assumptions).toEqual([]);
    expect(r).toMatchObject({ resultVersion: 2, maxTotal: 100, total: 93.1, statedTotal: 92 });
    expect(r.scheme).toMatchObject({ id: "department-2080", version: "武汉 2020（种子 002）" });
  });

  it("points that do not match the scheme (产出 60 / 效益 20 / 满意度 20): the 按方案折算 lines, and a total within 100", async () => {
    const row = (level1: string, name: string, points: number, actual: string) => ({
      level1,
      name,
      target: "≥90%",
      actual,
      points,
      deviationReason: "说明",
    });
    const path = tempFile(
      "demo.json",
      JSON.stringify({
        scheme: "national-project",
        budget: { budget: "100", executed: "100" },
        indicators: [
          row("产出指标", "整治行动次数", 30, "100%"),
          row("产出指标", "违法查处率", 30, "95%"),
          row("效益指标", "事故下降率", 20, "92%"),
          row("满意度指标", "群众满意度", 20, "88%"),
        ],
      }),
    );
    const io = captureIo();
    expect(await run(["score", path], io)).toBe(0);
    expect(io.out()).toContain("按方案折算：产出 60→50（各指标分值 × 50/60）");
    expect(io.out()).toContain("按方案折算：满意度 20→10（各指标分值 × 10/20）");
    expect(io.out()).toContain("产出指标  50 (填报分值 60)  50");
    // 10 + 50 + 30 + 10 × 88 ÷ 90 (9.78) = 99.78; before issue 12 the same input gave 108.98
    expect(io.out()).toContain("总分: 99.78 / 100 (优)");
    const en = captureIo();
    expect(await run(["score", path, "--lang", "en"], en)).toBe(0);
    expect(en.out()).toContain("scaled to the scheme: output 60→50 (each indicator's points × 50/60)");
    const json = captureIo();
    expect(await run(["score", path, "--json"], json)).toBe(0);
    const r = JSON.parse(json.out());
    expect(r.total).toBe(99.78);
    expect(r.groups.map((g: { points: number; inputPoints: number }) => [g.points, g.inputPoints])).toEqual([
      [50, 60],
      [30, 20],
      [10, 20],
    ]);
  });

  it("scores a Sichuan-style document (权重 column adding up to 90) with its own scheme and says why", async () => {
    const rows = [
      ["项目支出绩效自评表"],
      ["项目名称", "道路监控运维", "", "", "", "", "", "", ""],
      ["主管部门", "某市公安局", "", "", "实施单位", "某交警支队", "", "", ""],
      ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "权重", "执行率", "得分", ""],
      ["", "年度资金总额", "100.00", "100.00", "90.00", "10", "90%", "9", ""],
      [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "权重",
        "得分",
        "偏差原因分析及改进措施",
      ],
      ["", "产出指标", "数量指标", "维护点位数", "≥300个", "320个", "30", "30", ""],
      ["", "", "质量指标", "设备在线率", "≥98%", "97%", "30", "29", "部分设备老化"],
      ["", "效益指标", "社会效益指标", "案件破获支撑", "明显提高", "明显提高", "20", "20", ""],
      ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10", ""],
      ["总分", "", "", "", "", "", "100", "98", ""],
    ];
    const path = tempFile("sichuan.txt", rows.map((r) => r.join("\t")).join("\n"));
    const io = captureIo();
    expect(await run(["score", path], io)).toBe(0);
    expect(io.out()).toContain("项目支出绩效自评（四川式");
    expect(io.out()).toContain("有「权重」列");
    // the unit's 60 / 20 / 10 are honoured (they add up to 90): 30 + 30 × 97/98 + 20 + 10 + 9 = 98.69
    expect(io.out()).toContain("总分: 98.69 / 100 (优)");
  });
});
