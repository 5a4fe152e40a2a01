/**
 * The interface's words for server codes and numbers (issue 13): field labels and validation messages in Chinese,
 * the audit trail's actions and changes, both-language texts split, and amounts with thousands separators.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditActionText, auditDetailsText, auditLines, entityTypeText } from "../../src/lib/auditText.ts";
import { fieldLabel, oneLanguage, pathLabel, validationMessageZh } from "../../src/lib/fieldLabels.ts";
import { groupDigits, wanShown } from "../../src/pages/budget/model.ts";

describe("field labels and validation messages", () => {
  it("names a field by its label, a path by its row and label", () => {
    expect(fieldLabel("changeReason", "zh")).toBe("增减原因");
    expect(fieldLabel("password", "zh")).toBe("密码");
    expect(fieldLabel("annualFunds", "zh")).toBe("年度资金总额");
    expect(fieldLabel("noSuchField", "zh")).toBe("noSuchField");
    expect(pathLabel("sections.lines.2.changeReason", "zh")).toBe("第 3 行「增减原因」");
    expect(pathLabel("password", "zh")).toBe("「密码」");
    expect(pathLabel("lines.0.amount", "en")).toBe('row 1, "Amount"');
  });

  it("says the schema library's messages in Chinese", () => {
    expect(validationMessageZh("Too big: expected string to have <=2000 characters")).toBe("过长：最多 2000 个字");
    expect(validationMessageZh("Too small: expected string to have >=1 characters")).toBe("不能为空");
    expect(validationMessageZh("Too small: expected string to have >=8 characters")).toBe("过短：至少 8 个字");
    expect(validationMessageZh("Too big: expected number to be <=2100")).toBe("不能大于 2100");
    expect(validationMessageZh("Invalid input: expected string, received undefined")).toBe("必填");
    expect(validationMessageZh("Invalid input: expected number, received string")).toBe("格式错误：应为数字");
    expect(validationMessageZh("金额须为元，最多两位小数 / an amount in 元")).toBe(
      "金额须为元，最多两位小数 / an amount in 元",
    );
  });

  it("never answers an English message as it is: known ones in Chinese, others marked as a format error", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefghij :<=>0123456789".split("")) }), (m) => {
        const zh = validationMessageZh(m);
        expect(/[\u4e00-\u9fff]/.test(zh)).toBe(true);
      }),
    );
  });

  it("keeps the side of a both-language text that is the interface's", () => {
    expect(oneLanguage("查找文书 / finding the documents", "zh")).toBe("查找文书");
    expect(oneLanguage("查找文书 / finding the documents", "en")).toBe("finding the documents");
    expect(oneLanguage("青山区交通大队 · 项目支出绩效目标表（xlsx）", "zh")).toBe(
      "青山区交通大队 · 项目支出绩效目标表（xlsx）",
    );
    expect(oneLanguage("1/2", "zh")).toBe("1/2");
  });
});

describe("the audit trail in words", () => {
  it("names actions and records", () => {
    expect(auditActionText("auth.login", "zh")).toBe("登录");
    expect(auditActionText("workflow.return", "zh")).toBe("退回");
    expect(auditActionText("project.update", "zh")).toBe("修改项目");
    expect(auditActionText("budget.create", "zh")).toBe("新建部门预算");
    expect(auditActionText("something.else", "zh")).toBe("something.else");
    expect(entityTypeText("account", "zh")).toBe("账户");
    expect(entityTypeText("department_budget", "zh")).toBe("部门预算");
  });

  it("lists what changed by label, amounts in 万元 with separators, internal keys left out", () => {
    const lines = auditLines(
      { id: "p", version: 1, annualFunds: "125000.00", name: "A", annualGoal: "x" },
      { id: "p", version: 2, annualFunds: "13505000.00", name: "A", annualGoal: "y" },
      "zh",
    );
    expect(lines).toEqual([
      { field: "annualFunds", label: "年度资金总额", before: "12.50 万元", after: "1,350.50 万元" },
      { field: "annualGoal", label: "年度目标", before: "x", after: "y" },
    ]);
    // A creation: the fields set, one side only.
    expect(auditLines(null, { totalFunds: "4850.00" }, "zh")).toEqual([
      { field: "totalFunds", label: "项目总额", after: "0.49 万元" },
    ]);
  });

  it("says details as label：value", () => {
    expect(
      auditDetailsText(
        {
          organisations: 6,
          accounts: ["0b6f9a8e-1d2c-4e5f-8a9b-0c1d2e3f4a5b", "1b6f9a8e-1d2c-4e5f-8a9b-0c1d2e3f4a5b"],
        },
        "zh",
      ),
    ).toBe("单位：6；账户：2 个");
    expect(auditDetailsText({ reason: "wrong_password", failures: 3 }, "zh")).toBe("原因：密码错误；连续失败次数：3");
  });
});

describe("one number format", () => {
  it("groups the whole part by thousands and keeps the digits", () => {
    expect(groupDigits("13505000.00")).toBe("13,505,000.00");
    expect(groupDigits("-1350.5")).toBe("-1,350.5");
    expect(groupDigits("999")).toBe("999");
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.nat({ max: 999_999 }), (whole, frac) => {
        const text = `${whole}.${String(frac).padStart(6, "0")}`;
        const shown = groupDigits(text);
        expect(shown.replace(/,/g, "")).toBe(text);
        expect(shown).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{6}$/);
      }),
    );
  });

  it("shows 万元 as kept with at least 2 decimals, never rounded", () => {
    expect(wanShown("1350.5")).toBe("1,350.50");
    expect(wanShown("17029.459963")).toBe("17,029.459963");
    expect(wanShown("50")).toBe("50.00");
    expect(wanShown("abc")).toBe("abc");
  });
});

describe("errors as shown", () => {
  it("says a request that never reached the server in the interface's language", async () => {
    const { describeError } = await import("../../src/lib/errors.ts");
    expect(describeError(new TypeError("Failed to fetch"), "zh")).toBe("无法连接服务器，请检查网络后重试。");
    expect(describeError(new TypeError("NetworkError when attempting to fetch resource."), "en")).toMatch(
      /cannot be reached/,
    );
    expect(describeError(new Error("其他错误"), "zh")).toBe("其他错误");
  });
});

describe("a refused request body", () => {
  it("is said in Chinese with the field's label, not its code and the library's English", async () => {
    const { describeError } = await import("../../src/lib/errors.ts");
    const { ApiError } = await import("../../src/api/client.ts");
    const e = new ApiError(400, {
      code: "invalid_input",
      message: "请求数据无效：sections.threePublic.changeReason（Too big: expected string to have <=2000 characters）",
      messageEn: "Invalid request at sections.threePublic.changeReason: Too big",
      location: { path: "sections.threePublic.changeReason", field: "changeReason" },
      details: [
        { path: "sections.threePublic.changeReason", message: "Too big: expected string to have <=2000 characters" },
      ],
    } as never);
    expect(describeError(e, "zh")).toBe("请求数据无效：「增减原因」过长：最多 2000 个字");
    // Another refusal naming a field: by its label.
    const locked = new ApiError(400, {
      code: "weak_password",
      message: "密码至少 10 个字符",
      location: { field: "newPassword" },
    } as never);
    expect(describeError(locked, "zh")).toBe("字段「新密码」：密码至少 10 个字符");
  });

  it("a refusal of the business rules (invalid_input without schema issues) keeps the server's own Chinese", async () => {
    const { describeError } = await import("../../src/lib/errors.ts");
    const { ApiError } = await import("../../src/api/client.ts");
    const e = new ApiError(400, {
      code: "invalid_input",
      message: "不能把“赵县公安局”移到它自己或它的下级机构“交警大队”之下",
      messageEn: "cannot move an organisation under itself",
      location: { field: "parentId" },
    } as never);
    expect(describeError(e, "zh")).toContain("不能把“赵县公安局”移到它自己或它的下级机构“交警大队”之下");
  });
});

describe("audit actions the list does not know yet", () => {
  it("say what they are about, with the code beside", () => {
    expect(auditActionText("audit.read", "zh")).toBe("查阅审计记录");
    expect(auditActionText("audit.purge", "zh")).toBe("审计记录（audit.purge）");
    expect(auditDetailsText({ method: "POST", status: 403, code: "forbidden" }, "zh")).toBe(
      "方法：POST；状态码：403；错误代码：forbidden",
    );
  });
});
