/**
 * The public project page in the unit everything else uses (issue 13 #8): 预算数 in 万元 with thousands separators
 * and two decimals (the stored 元 figure divided exactly), never the raw 元 figure; the published xlsx holds it as
 * a number in 万元 shown `#,##0.00`.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

/** 元 text → 万元 with thousands separators and 2 decimals, by string arithmetic (independent of the code). */
function wanText(yuan: string): string {
  const [i, f = ""] = yuan.split(".");
  const fen = BigInt(i! + f.padEnd(2, "0"));
  // round half away from zero to 0.01 万元 = 100 元 = 10,000 fen
  const units = (fen + 5_000n) / 10_000n;
  const whole = (units / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}.${(units % 100n).toString().padStart(2, "0")}`;
}

describe.each(STORES)("the public project page on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  let approver: Client;
  let reviewer: Client;
  const FUNDS = "13505000.00";
  let publicationId: string;

  beforeAll(async () => {
    t = await testApp(kind);
    filler = await t.as("filler");
    approver = await t.as("approver");
    reviewer = await t.as("reviewer");
    const p = (
      await filler.post("/projects", {
        orgId: t.world.unit.id,
        year: 2024,
        name: "公开页金额项目",
        annualFunds: FUNDS,
        fiscalFunds: FUNDS,
      })
    ).body;
    const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const l2 = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id }))
      .body;
    await filler.post(`/projects/${p.id}/indicators`, {
      level: 3,
      name: "培训人次",
      parentId: l2.id,
      targetText: "≥10次",
    });
    await filler.post(`/projects/${p.id}/submit`, { version: 1 });
    const version = (await approver.get(`/projects/${p.id}`)).body.version;
    const unit = await approver.post(`/projects/${p.id}/unit-approve`, { version });
    const done =
      unit.status === 200
        ? await reviewer.post(`/projects/${p.id}/approve`, { version: unit.body.version })
        : await approver.post(`/projects/${p.id}/approve`, { version });
    expect(done.status).toBe(200);
    const r = await reviewer.post("/publications", { type: "project", id: p.id });
    expect(r.status).toBe(201);
    publicationId = r.body.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("shows 预算数 in 万元 with thousands separators, not the 元 figure", async () => {
    const html = await (await t.app.request(`/public/${publicationId}`)).text();
    expect(html).toContain(`<p data-budget>预算数：${wanText(FUNDS)} 万元</p>`);
    expect(html).not.toContain(`${FUNDS} 元`);
  });

  it("the published xlsx: 预算数 a number in 万元 (#,##0.00), the SUM of 财政资金", async () => {
    const res = await t.app.request(`/api/v1/public/publications/${publicationId}/file?format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    let budget: ExcelJS.Cell | undefined;
    let fiscal: ExcelJS.Cell | undefined;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === "预算数") budget = row.getCell(Number(c.col) + 1);
        if (c.value === "其中：财政资金") fiscal = row.getCell(Number(c.col) + 1);
      }),
    );
    expect(budget!.numFmt).toBe("#,##0.00");
    const value = budget!.value as ExcelJS.CellFormulaValue;
    expect(value.formula).toContain(fiscal!.address);
    expect(value.result).toBe(Number(wanText(FUNDS).replace(/,/g, "")));
    expect(fiscal!.value).toBe(value.result);
  });
});
