/**
 * The submission rules of a self-evaluation, on the server (issue 12): a refusal lists EVERY failing field with
 * its path and a Chinese and English message; a complete record is submitted and its stored score is the one
 * computed at submission.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("self-evaluation submission rules on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);

  // One department self-evaluation per organisation and year: each test makes its own in a year of its own.
  beforeAll(async () => {
    await t.deps.db.insert(fiscalYears).values({ year: 2023 });
  });
  const create = async (year: number, fields: Record<string, unknown>) => {
    const r = await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year, ...fields });
    expect(r.status).toBe(201);
    return r.body as { id: string; version: number };
  };
  const rows = (overrides: Record<string, unknown>[] = []) =>
    [
      // missed: 28 of ≥30
      {
        level1: "产出指标",
        level2: "数量指标",
        name: "一般程序事故办理",
        targetText: "≥30起",
        actualText: "28起",
        points: "40",
      },
      // met, but stated 20 where 30 is computed: an adjusted score
      {
        level1: "效益指标",
        level2: "社会效益指标",
        name: "事故下降率",
        targetText: "≥5%",
        actualText: "6%",
        points: "30",
        statedScore: "20",
      },
      // no actual value
      { level1: "满意度指标", level2: "服务对象满意度指标", name: "群众满意度", targetText: "≥90%", points: "10" },
    ].map((r, i) => ({ ...r, ...(overrides[i] ?? {}) }));

  it("refuses an incomplete self-evaluation listing every failing field (path, zh, en), and submits it once complete", async () => {
    const e = await create(2024, { fullYearBudget: "100.00", executed: "-5.00" });
    const put = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, { version: 1, items: rows() });
    expect(put.status).toBe(200);
    const r = await filler.post(`/evaluations/${e.id}/submit`, { version: 2 });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("submission_incomplete");
    const fields = r.body.error.details.fields as {
      path: string;
      message: string;
      messageEn: string;
      itemId?: string;
    }[];
    expect(fields.map((f) => f.path).sort()).toEqual(
      [
        "executed",
        "items[0].deviationReason",
        "items[1].overrideReason",
        "items[2].actualText",
        "conclusion",
        "improvements",
      ].sort(),
    );
    for (const f of fields) {
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.messageEn).toMatch(/[a-z]/);
    }
    expect(fields.find((f) => f.path === "executed")!.message).toContain("不能为负数");
    expect(fields.find((f) => f.path === "items[0].deviationReason")!.message).toContain("一般程序事故办理");
    expect(fields.find((f) => f.path === "items[1].overrideReason")!.itemId).toBe(put.body.items[1].id);
    // still a draft, same version
    expect((await filler.get(`/evaluations/${e.id}`)).body).toMatchObject({ state: "draft", version: 2 });

    // Completed: every reason and section given, the amount corrected
    const fixed = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
      version: 2,
      items: rows([
        { deviationReason: "案件数量下降" },
        { overrideReason: "宣传覆盖不足，酌情扣分" },
        { actualText: "95%" },
      ]),
    });
    expect(fixed.status).toBe(200);
    const patched = await filler.patch(`/evaluations/${e.id}`, {
      version: 3,
      executed: "95.00",
      conclusion: "基本完成年度目标",
      improvements: "加强办案力量",
    });
    expect(patched.status).toBe(200);
    const ok = await filler.post(`/evaluations/${e.id}/submit`, { version: 4 });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe("submitted");
    const scores = (await filler.get(`/evaluations/${e.id}/scores`)).body;
    expect(scores.scoredAt).not.toBeNull();
    expect(Number(ok.body.computedTotal)).toBeCloseTo(scores.result.total, 4);
  });

  it("a record with nothing in it: the budget, the rows and the narratives are each named", async () => {
    const e = await create(2025, {});
    const r = await filler.post(`/evaluations/${e.id}/submit`, { version: 1 });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ["fullYearBudget", "executed", "items", "conclusion", "improvements"].sort(),
    );
  });

  it("a stale version is told as stale (409), not as incomplete", async () => {
    const e = await create(2023, {});
    const r = await filler.post(`/evaluations/${e.id}/submit`, { version: 7 });
    expect(r.status).toBe(409);
  });
});
