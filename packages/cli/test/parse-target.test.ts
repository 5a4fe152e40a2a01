import { describe, expect, it } from "vitest";
import { run } from "../src/run.ts";
import { captureIo } from "./io.ts";

describe("jixiao parse-target", () => {
  it("prints the structured value as JSON with the fields the issue names", async () => {
    const io = captureIo();
    expect(await run(["parse-target", "≥100人", "--json"], io)).toBe(0);
    const v = JSON.parse(io.out());
    expect(v).toMatchObject({ kind: "numeric", op: ">=", value: 100, unit: "人", text: "≥100人", rendered: "≥100人" });
  });

  it("folds 万 into the number and reads deadlines as ISO dates", async () => {
    const io = captureIo();
    await run(["parse-target", "≤0.82万元", "--json"], io);
    expect(JSON.parse(io.out())).toMatchObject({ op: "<=", value: 8200, unit: "元" });
    const io2 = captureIo();
    await run(["parse-target", "2024年12月30日前", "--json"], io2);
    expect(JSON.parse(io2.out())).toMatchObject({ kind: "deadline", date: "2024-12-30" });
  });

  it("prints a readable summary in Chinese by default", async () => {
    const io = captureIo();
    expect(await run(["parse-target", "≤500元/人/天"], io)).toBe(0);
    expect(io.out()).toContain("类型 kind: numeric (数值)");
    expect(io.out()).toContain("单位 unit: 元/人/天");
    expect(io.out()).toContain("标准写法 rendered: ≤500元/人/天");
  });

  it("never fails on text it cannot read: it is qualitative with a note", async () => {
    const io = captureIo();
    expect(await run(["parse-target", "通过业务经费保障，使执法办案更加规范", "--json"], io)).toBe(0);
    expect(JSON.parse(io.out()).kind).toBe("qualitative");
  });

  it("rejects a missing argument and unknown options with a usage error (exit 2)", async () => {
    const io = captureIo();
    expect(await run(["parse-target"], io)).toBe(2);
    expect(io.err()).toContain("用法 usage");
    const io2 = captureIo();
    expect(await run(["parse-target", "1", "--bogus"], io2)).toBe(2);
    expect(io2.err()).toContain("unknown option --bogus");
  });

  it("rejects an unknown command", async () => {
    const io = captureIo();
    expect(await run(["frobnicate"], io)).toBe(2);
    expect(io.err()).toContain("未知命令");
  });
});

describe("jixiao help", () => {
  it("lists every command, backup and restore included", async () => {
    const io = captureIo();
    expect(await run(["help"], io)).toBe(0);
    for (const c of ["parse-target", "score", "import", "review", "export", "serve", "backup", "restore"]) {
      expect(io.out()).toContain(`jixiao ${c}`);
    }
  });

  it("routes backup to its command (usage without a file)", async () => {
    const io = captureIo();
    expect(await run(["backup"], io)).toBe(2);
    expect(io.out()).toContain("jixiao backup <file>");
  });
});
