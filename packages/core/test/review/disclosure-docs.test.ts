/**
 * docs/review-rules.md lists every `disclosure.*` rule with its code, its Chinese name (the rule's own title) and an
 * example message, its category and its severity, as the rules define them (drift check).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/index.ts";

describe("docs/review-rules.md, 部门预算 / 决算公开", () => {
  const doc = readFileSync("docs/review-rules.md", "utf8");
  const rows = new Map(
    doc
      .split("\n")
      .filter((l) => l.startsWith("| `disclosure."))
      .map((l) => [l.split("`")[1]!, l.split(" | ").map((c) => c.trim())] as const),
  );
  const rules = RULES.filter((r) => r.id.startsWith("disclosure."));

  it("has a row for each rule and none for a rule that does not exist", () => {
    expect([...rows.keys()].sort()).toEqual(rules.map((r) => r.id).sort());
  });

  for (const r of rules)
    it(`${r.id}: its Chinese name, an example message, its category and severity`, () => {
      const cells = rows.get(r.id)!;
      expect(cells[1]).toContain(r.title.zh);
      expect(cells[1]).toMatch(/ · 例：\S/);
      expect(cells[2]).toBe(r.category);
      expect(cells[3]).toBe(r.severity);
    });
});
