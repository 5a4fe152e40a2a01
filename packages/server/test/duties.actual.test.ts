/**
 * Duty indicators keep their 实际完成值 and the tier it reaches by the four-tier standards (issue 12), computed by
 * core's tierOf when saved and stored — not only tried on the page.
 */
import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const TIERS = { 优: "95%以上", 良: "90%以上", 中: "85%以上", 差: "85%以下" };

describe.each(STORES)("duty indicators' actual values on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);

  it("stores the actual value and the tier it reaches; a change of either is stored again; none without standards", async () => {
    const duty = (await filler.post("/duties", { orgId: t.world.unit.id, year: 2024, name: "道路交通管理" })).body;
    const save = (version: number, actual: string | null) =>
      filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, {
        version,
        activities: [
          {
            name: "道路交通秩序管理",
            indicators: [
              { name: "违法查处率", targetText: "≥90%", standards: TIERS, actualText: actual },
              { name: "无等级标准", targetText: "≥1次", actualText: "2次" },
            ],
          },
        ],
      });
    const first = await save(1, "92%");
    expect(first.status).toBe(200);
    const [withTiers, without] = first.body.activities[0].indicators;
    // 92% is 90%以上 but not 95%以上: 良
    expect(withTiers).toMatchObject({ actualText: "92%", tierReached: "良" });
    expect(without).toMatchObject({ actualText: "2次", tierReached: null });

    const again = await save(2, "80%");
    expect(again.body.activities[0].indicators[0]).toMatchObject({ actualText: "80%", tierReached: "差" });
    const read = await filler.get(`/duties/${duty.id}`);
    expect(read.body.activities[0].indicators[0]).toMatchObject({ actualText: "80%", tierReached: "差" });

    const cleared = await save(3, null);
    expect(cleared.body.activities[0].indicators[0]).toMatchObject({ actualText: null, tierReached: null });
  });
});
