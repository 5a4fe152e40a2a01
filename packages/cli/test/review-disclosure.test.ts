/**
 * `jixiao review` on a 部门决算公开 (fixtures/disclosures/clean-final-2022.txt) and on a copy with two planted
 * mistakes: each finding is printed with the table, row and column it is about (表「…」，行「…」，列「…」), in both
 * languages and in --json; the clean document prints no finding and a verdict.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/commands/review.ts";
import { captureIo } from "./io.ts";

const DIR = join(__dirname, "../../../fixtures/disclosures");
const clean = readFileSync(join(DIR, "clean-final-2022.txt"), "utf8");
const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function write(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-disclosure-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  expect(parts.length, from).toBe(2);
  return parts.join(to);
}

async function review(file: string, ...args: string[]): Promise<string> {
  const io = captureIo();
  const code = await main([file, ...args], io);
  expect(code, io.err()).toBe(0);
  return io.out();
}

describe("jixiao review on a 部门决算公开", () => {
  const planted = replaceOnce(
    replaceOnce(clean, "公务接待费支出决算为7.30万元", "公务接待费支出决算为9.30万元"),
    "204 | 公共安全支出 | 2750.00",
    "204 | 公共安全支出 | 2760.00",
  );
  const file = write("决算-planted.txt", planted);

  it("prints each finding with its table, row and column", async () => {
    const out = await review(file);
    const lines = out.split("\n");
    const at = (rule: string) => lines[lines.findIndex((l) => l.includes(`[${rule}]`))] ?? "";
    expect(at("disclosure.three-public-mismatch")).toContain(
      "表「七、一般公共预算财政拨款“三公”经费支出决算表」，行「公务接待费」，列「决算数」",
    );
    expect(at("disclosure.table-sum")).toContain("表「二、收入决算表」，行「合计」，列「本年收入合计」");
    expect(out).toMatch(/审核结论: (良|中|差)/);
  });

  it("in English and in --json", async () => {
    const en = await review(file, "--lang", "en");
    expect(en).toContain('table "二、收入决算表", row "合计", column "本年收入合计"');
    const json = JSON.parse(await review(file, "--json")) as {
      findings: { rule: string; details?: Record<string, unknown> }[];
    };
    const sum = json.findings.find((f) => f.rule === "disclosure.table-sum");
    expect(sum?.details).toMatchObject({ table: "二、收入决算表", tableRow: "合计", tableColumn: "本年收入合计" });
  });

  it("the clean document: no finding, a verdict", async () => {
    const out = await review(write("决算.txt", clean));
    expect(out).toContain("未发现问题");
    expect(out).toContain("审核结论: 优");
  });
});

describe.skipIf(!hasPdftotext && !process.env.CI)(
  "jixiao review on a 部门决算公开 PDF (printed by LibreOffice)",
  () => {
    it("the planted 公务接待费: found at its table, row and column, as from the text", async () => {
      const out = await review(join(DIR, "rendered/planted-three-public-mismatch.pdf"));
      expect(out).toContain("类型: 部门预算／决算公开");
      const line = out.split("\n").find((l) => l.includes("[disclosure.three-public-mismatch]")) ?? "";
      expect(line).toContain("表「七、一般公共预算财政拨款“三公”经费支出决算表」，行「公务接待费」，列「决算数」");
    });

    it("the clean PDF: no finding, a verdict", async () => {
      const out = await review(join(DIR, "rendered/clean-final-2022.pdf"));
      expect(out).toContain("未发现问题");
      expect(out).toContain("审核结论: 优");
    });

    it("a table printed over three pages is one table: no finding; a wrong row on its last page is found there", async () => {
      const clean = await review(join(DIR, "rendered/clean-final-2022-long.pdf"));
      expect(clean).toContain("未发现问题");
      expect(clean).toContain("审核结论: 优");
      const out = await review(join(DIR, "rendered/planted-basic-parts-continued.pdf"));
      const line = out.split("\n").find((l) => l.includes("[disclosure.narrative-table-mismatch]")) ?? "";
      expect(line).toContain("表「六、一般公共预算财政拨款基本支出决算表」，行「公用经费合计」，列「决算数」");
      expect(out).toContain("[disclosure.basic-parts]");
    });
  },
);
