/**
 * One scoring truth on the 自评 page (issue 12), in a real browser on the real server with the demo:
 * - the demo's 2024年度道路交通秩序整治, whose points are 产出 60 / 效益 20 / 满意度 20, shows its stored total within
 *   100 with the rule that fitted the points to the scheme (按方案折算：产出 60→50);
 * - seed 002's published record shows the computed total with the stated 92 beside it;
 * - an incomplete self-evaluation is submitted and the server's refusal appears at each field it names.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { SelfEvaluation } from "./pages/selfEvaluation.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const FLAWED = "2024年度道路交通秩序整治";

describe.skipIf(!hasChromium)("self-evaluation: the stored score and the server's submission rules", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the 60/20/20 demo project shows its stored total within 100 and the rule that fitted the points", async () => {
    expect(h.server, "the real server (the score is stored there)").toBe("real");
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    await page.getByRole("menuitem", { name: "自评" }).click();
    await page.getByTestId("se-link").filter({ hasText: FLAWED }).click();
    const se = new SelfEvaluation(page);
    await se.ready();
    await page.getByTestId("se-stored-total").waitFor();
    const total = Number(await se.storedTotal());
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(100);
    // the figures at the top are the stored ones once saved (nothing typed)
    await expect.poll(() => page.getByTestId("se-total").getAttribute("data-source")).toBe("stored");
    expect(Number(await se.total())).toBe(total);
    const fitting = await se.fitting();
    expect(fitting).toContain("产出 60→50");
    expect(fitting).toContain("满意度 20→10");
    // the groups as the scheme gives them: 产出 out of 50
    expect(Number(await page.getByTestId("se-stored-group-output").textContent())).toBeLessThanOrEqual(50);
    await page.getByTestId("se-stored").scrollIntoViewIfNeeded();
    await h.screenshot(page, "self-evaluation-stored-score", { publish: true });
    expect(errors).toEqual([]);
  });

  it("seed 002's published record: the computed total with the stated 92 beside it", async () => {
    const { page } = await signedInAt(h, "reviewer", {
      org: "武汉市公安局青山区交通大队",
      year: 2020,
      errors,
    });
    await page.getByRole("menuitem", { name: "自评" }).click();
    await page.getByTestId("se-link").first().click();
    const se = new SelfEvaluation(page);
    await se.ready();
    await page.getByTestId("se-stored-total").waitFor();
    expect(await se.statedTotal()).toBe("92");
    const computed = await se.storedTotal();
    expect(Number(computed)).toBeLessThanOrEqual(100);
    expect(computed).not.toBe("92");
    expect(await se.storedGrade()).toBe("优");
    // 24 indicator rows, as the seed's table has them
    expect(await page.getByTestId("indicator-table").locator("tbody tr.ant-table-row").count()).toBe(24);
    expect(errors).toEqual([]);
  });

  it("an incomplete self-evaluation: the server refuses the submission and says so at each field", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    // Set up through the API with the page's own session: a negative 执行数, a missed target without its reason,
    // a row without its actual value, no narratives.
    const session = await (await page.request.get("/api/v1/auth/session")).json();
    const headers = { "X-CSRF-Token": session.csrfToken as string };
    const orgId = (session.user.memberships as { orgId: string }[])[0]!.orgId;
    const created = await page.request.post("/api/v1/evaluations", {
      headers,
      data: { kind: "department", orgId, year: 2024, fullYearBudget: "100000.00", executed: "-500.00" },
    });
    expect(created.status()).toBe(201);
    const e = await created.json();
    const saved = await page.request.put(`/api/v1/evaluations/${e.id}/items`, {
      headers,
      data: {
        version: e.version,
        items: [
          {
            level1: "产出指标",
            level2: "数量指标",
            name: "组织培训人数",
            targetText: "≥100人",
            actualText: "80人",
            points: "50",
          },
          { level1: "满意度指标", level2: "服务对象满意度指标", name: "学员满意度", targetText: "≥90%", points: "10" },
        ],
      },
    });
    expect(saved.status()).toBe(200);
    const items = (await saved.json()).items as { id: string; name: string }[];
    const missed = items.find((i) => i.name === "组织培训人数")!.id;
    const empty = items.find((i) => i.name === "学员满意度")!.id;

    await page.goto(`/self-evaluation/${e.id}`);
    const se = new SelfEvaluation(page);
    await se.ready();
    await se.submitRefused();
    expect((await se.refusalPaths()).sort()).toEqual(
      ["executed", "items[0].deviationReason", "items[1].actualText", "conclusion", "improvements"].sort(),
    );
    // each at its field
    expect(await se.fieldError("executed").textContent()).toContain("不能为负数");
    expect(await se.fieldError(`${missed}-deviationReason`).textContent()).toContain("偏差原因");
    expect(await se.fieldError(`${empty}-actualText`).textContent()).toContain("实际完成值");
    expect(await se.fieldError("conclusion").textContent()).toContain("提交前请填写");
    expect(await se.fieldError("improvements").textContent()).toContain("提交前请填写");
    expect(await se.state()).toBe("draft");
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, "self-evaluation-refused", { publish: true, fullPage: true });
    expect(errors).toEqual([]);
  });
});
