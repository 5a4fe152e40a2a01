/** The 结果应用 actions and records in the audit trail's words. */
import { describe, expect, it } from "vitest";
import { auditActionText, entityTypeText } from "../../src/lib/auditText.ts";

describe("the audit trail: 结果应用", () => {
  it("names the rules change, the summary's export and the rules record", () => {
    expect(auditActionText("results.rules.update", "zh")).toBe("设置结果应用规则");
    expect(auditActionText("export.results_summary", "zh")).toBe("导出结果应用情况表");
    expect(entityTypeText("result_rules", "zh")).toBe("结果应用规则");
    expect(auditActionText("results.rules.update", "en")).toBe("Set the rules for using the results");
  });
});
