/**
 * The indicator library (指标库, issue 17 point 3) over HTTP: built from the approved goals under the bureau that
 * governs a unit (the city here, where the reviewer sits) — approved projects' newest revisions and department
 * goals, across units and years, never drafts, a superseded revision or another tree — suggestions while a unit
 * types, the entries with "where used" limited to what the reader may read, and the bureau's marks, audited.
 */

import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import type { WorkflowState } from "../src/db/columns.ts";
import type { Db } from "../src/db/open.ts";
import { insertGoal } from "../src/goals/repository.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

type Row = [level1: string, level2: string, name: string, target: string, unit?: string];

/** A project (or a department goal) with an indicator tree, stored as the workflow would leave it. */
async function withIndicators(
  db: Db,
  owner: { projectId: string } | { departmentGoalId: string },
  rows: Row[],
): Promise<void> {
  const parents = new Map<string, string>();
  for (const [l1, l2, name, target, unit] of rows) {
    let p1 = parents.get(l1);
    if (!p1) {
      p1 = (await insertIndicator(db, { ...owner, level: 1, name: l1 })).id;
      parents.set(l1, p1);
    }
    let p2 = parents.get(`${l1}/${l2}`);
    if (!p2) {
      p2 = (await insertIndicator(db, { ...owner, level: 2, name: l2, parentId: p1 })).id;
      parents.set(`${l1}/${l2}`, p2);
    }
    await insertIndicator(db, { ...owner, level: 3, name, targetText: target, unit: unit ?? null, parentId: p2 });
  }
}

describe.each(STORES)("indicator library on %s", (kind) => {
  const { t, filler, reviewer, viewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "reviewer",
    "viewer",
    "foreignFiller",
  ]);
  const ids: Record<string, string> = {};

  const project = async (name: string, orgId: string, year: number, state: WorkflowState, rows: Row[], over = {}) => {
    const p = await insertProject(t.deps.db, { orgId, year, name, workflowState: state, ...over });
    await withIndicators(t.deps.db, { projectId: p.id }, rows);
    ids[name] = p.id;
    return p;
  };

  beforeAll(async () => {
    const { unit, sibling, foreign } = t.world;
    await project("交通安全宣传", unit.id, 2024, "approved", [
      ["产出指标", "数量指标", "培训人数", "≥100人"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]);
    await project("驾驶人培训", sibling.id, 2025, "approved", [
      ["产出指标", "数量指标", "培训人数（人）", "≥120人"],
      ["产出指标", "数量指标", "培训 人数", "≥140", "人"],
      ["满意度指标", "服务对象满意度指标", "群众满意度%", "≥95%"],
    ]);
    // not in the library: a draft, the superseded approved revision, another tree
    await project("草稿项目", unit.id, 2025, "draft", [["产出指标", "数量指标", "培训人数", "≥1人"]]);
    const old = await project("调整前", unit.id, 2024, "approved", [["产出指标", "数量指标", "培训人数", "≥2人"]]);
    await project("调整后", unit.id, 2024, "approved", [["产出指标", "数量指标", "培训人数", "≥130人"]], {
      revision: 2,
      supersedesId: old.id,
    });
    await project("外省项目", foreign.id, 2024, "approved", [["产出指标", "数量指标", "培训人数", "≥3人"]]);
    const goal = await insertGoal(t.deps.db, { orgId: sibling.id, year: 2024, workflowState: "approved" });
    await withIndicators(t.deps.db, { departmentGoalId: goal.id }, [
      ["效益指标", "社会效益指标", "交通事故死亡人数下降率", "≥5%"],
    ]);
  });

  it("suggests from the approved goals under the unit's bureau, grouped by normalised name, with typical values", async () => {
    const r = await filler.get(`/library/suggestions?orgId=${t.world.unit.id}&q=${encodeURIComponent("培训")}`);
    expect(r.status).toBe(200);
    expect(r.body.bureau).toEqual({ id: t.world.city.id, name: t.world.city.name });
    // 100 (unit), 120 and 140 (sibling), 130 (the newest approved revision): the median is (120 + 130) / 2
    expect(r.body.items).toEqual([
      {
        key: "培训人数",
        name: "培训人数",
        level1: "产出指标",
        level2: "数量指标",
        unit: "人",
        typicalTarget: "≥125人",
        uses: 4,
        match: "prefix",
      },
    ]);
    const rate = await filler.get(`/library/suggestions?orgId=${t.world.unit.id}&q=${encodeURIComponent("死亡人数")}`);
    expect(rate.body.items.map((s: { name: string; level2: string }) => [s.name, s.level2])).toEqual([
      ["交通事故死亡人数下降率", "社会效益指标"],
    ]);
  });

  it("lists entries with where they were used, only in organisations the reader may read", async () => {
    const mine = await filler.get(`/library/entries?orgId=${t.world.unit.id}&q=${encodeURIComponent("满意度")}`);
    expect(mine.status).toBe(200);
    const [e] = mine.body.items;
    expect(e).toMatchObject({
      key: "群众满意度",
      uses: 2,
      typical: [{ unit: "%", count: 2, median: "92.5", min: "90", max: "95" }],
      years: { first: 2024, last: 2025 },
      mark: null,
      usedElsewhere: 1,
    });
    expect(e.usedIn).toEqual([
      {
        kind: "project",
        id: ids.交通安全宣传,
        name: "交通安全宣传",
        orgName: t.world.unit.name,
        year: 2024,
        targetText: "≥90%",
      },
    ]);
    const all = await reviewer.get(`/library/entries?orgId=${t.world.city.id}`);
    const byKey = new Map(all.body.items.map((x: { key: string }) => [x.key, x]));
    expect(all.body.total).toBe(3);
    expect(byKey.get("群众满意度")).toMatchObject({ usedElsewhere: 0 });
    expect((byKey.get("培训人数") as { usedIn: { name: string }[] }).usedIn.map((u) => u.name).sort()).toEqual(
      ["交通安全宣传", "调整后", "驾驶人培训", "驾驶人培训"].sort(),
    );
  });

  it("lets only the bureau's reviewer mark entries; marks change the suggestions and are audited", async () => {
    const q = `/library/suggestions?orgId=${t.world.unit.id}&q=${encodeURIComponent("群众")}`;
    expect((await filler.get(q)).body.items.map((s: { name: string }) => s.name)).toEqual(["群众满意度"]);

    expect(
      (
        await filler.req("PUT", "/api/v1/library/marks", {
          orgId: t.world.unit.id,
          name: "群众满意度",
          mark: "not_allowed",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await filler.req("PUT", "/api/v1/library/marks", {
          orgId: t.world.city.id,
          name: "群众满意度",
          mark: "not_allowed",
        })
      ).status,
    ).toBe(404);
    // the reviewer of the city, on a unit below it: not the bureau itself
    expect(
      (
        await reviewer.req("PUT", "/api/v1/library/marks", {
          orgId: t.world.unit.id,
          name: "群众满意度",
          mark: "not_allowed",
        })
      ).status,
    ).toBe(403);

    const set = await reviewer.req("PUT", "/api/v1/library/marks", {
      orgId: t.world.city.id,
      name: " 群众满意度（%） ",
      mark: "not_allowed",
      note: "用具体服务对象的满意度",
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      key: "群众满意度",
      mark: { mark: "not_allowed", name: "群众满意度（%）", orgName: t.world.city.name },
    });
    expect((await filler.get(q)).body.items).toEqual([]);
    const marks = await viewer.get(`/library/marks?orgId=${t.world.unit.id}`);
    expect(marks.body.items.map((m: { key: string; mark: string }) => [m.key, m.mark])).toEqual([
      ["群众满意度", "not_allowed"],
    ]);

    const rec = await reviewer.req("PUT", "/api/v1/library/marks", {
      orgId: t.world.city.id,
      name: "群众满意度",
      mark: "recommended",
    });
    expect(rec.body.mark).toMatchObject({ mark: "recommended", version: 2, note: null });
    expect((await filler.get(q)).body.items[0]).toMatchObject({ name: "群众满意度", mark: "recommended" });

    const cleared = await reviewer.req("PUT", "/api/v1/library/marks", {
      orgId: t.world.city.id,
      name: "群众满意度",
      mark: null,
    });
    expect(cleared.body).toEqual({ key: "群众满意度", mark: null });
    expect((await filler.get(q)).body.items[0].mark).toBeUndefined();

    const audit = await t.deps.db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "library_mark"), eq(auditEvents.orgId, t.world.city.id)))
      .orderBy(auditEvents.at, auditEvents.id);
    expect(audit.map((a) => a.action)).toEqual(["library.mark", "library.mark", "library.unmark"]);
    expect(audit[1]).toMatchObject({ before: { mark: "not_allowed" }, after: { mark: "recommended" } });
    expect(audit[2]!.after).toBeNull();

    const blank = await reviewer.req("PUT", "/api/v1/library/marks", {
      orgId: t.world.city.id,
      name: "1、。",
      mark: "recommended",
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error.location).toMatchObject({ field: "name" });
  });

  it("flags in the automatic review a target well below the library's history of the same indicator", async () => {
    // 培训人数 in the library: 100, 120, 140, 130 人 (median 125); 0.8 × 125 = 100
    const low = await project("低目标项目", t.world.unit.id, 2025, "draft", [
      ["产出指标", "数量指标", "培训人数", "≥60人"],
      ["产出指标", "数量指标", "培训人数（人）", "≥100人"],
    ]);
    const r = await filler.get(`/reviews/project/${low.id}`);
    expect(r.status).toBe(200);
    const found = r.body.findings.filter((f: { rule: string }) => f.rule === "library.target-below-history");
    expect(found.map((f: { details: Record<string, string> }) => [f.details.stated, f.details.computed])).toEqual([
      ["60", "125"],
    ]);
    expect(found[0].message).toContain("中位数 125人");
    // an approved project is reviewed against the others only (its own target is not its history): ≥100人
    // against 120, 140, 130 (median 130, 0.8 × 130 = 104) is flagged; with itself (median 125) it would not be
    const own = await filler.get(`/reviews/project/${ids.交通安全宣传}`);
    const mine = own.body.findings.filter((f: { rule: string }) => f.rule === "library.target-below-history");
    expect(mine.map((f: { details: Record<string, string> }) => [f.details.stated, f.details.computed])).toEqual([
      ["100", "130"],
    ]);
  });

  it("keeps a built library only while the approved goals under the bureau are the same", async () => {
    const q = `/library/suggestions?orgId=${t.world.unit.id}&q=${encodeURIComponent("执法记录仪")}`;
    expect((await filler.get(q)).body.items).toEqual([]);
    // approved in another unit of the same bureau: the next question sees it
    await project("执法规范化", t.world.sibling.id, 2025, "approved", [
      ["产出指标", "数量指标", "执法记录仪配备数", "≥30台"],
    ]);
    const after = await filler.get(q);
    expect(after.body.items.map((s: { name: string; typicalTarget: string }) => [s.name, s.typicalTarget])).toEqual([
      ["执法记录仪配备数", "≥30台"],
    ]);
  });

  it("exports the entries as xlsx, docx and PDF — the same figures as the entries, audited", async () => {
    const entries = (await viewer.get(`/library/entries?orgId=${t.world.unit.id}&limit=500`)).body;
    const res = await t.app.request(`/api/v1/library/export?orgId=${t.world.unit.id}`, {
      headers: { Cookie: viewer.cookie! },
    });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain(
      `${t.world.city.name}绩效指标库.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => {
      const cells: string[] = [];
      r.eachCell({ includeEmpty: true }, (c) => void cells.push(String(c.value ?? "")));
      rows.push(cells);
    });
    const head = rows.findIndex((r) => r.includes("三级指标"));
    const col = (name: string) => rows[head]!.indexOf(name);
    const body = rows.slice(head + 1).filter((r) => r[col("三级指标")]);
    expect(body.map((r) => [r[col("三级指标")], Number(r[col("使用次数")]), r[col("常见指标值")]])).toEqual(
      entries.items.map((e: { name: string; uses: number; typicalTarget: string | null }) => [
        e.name,
        e.uses,
        e.typicalTarget ?? "—",
      ]),
    );
    const training = body.find((r) => r[col("三级指标")] === "培训人数")!;
    const typical = entries.items.find((e: { key: string }) => e.key === "培训人数").typical[0];
    expect([training[col("中位数")], training[col("范围")]].map(String)).toEqual([
      typical.median,
      `${typical.min}–${typical.max}`,
    ]);

    for (const [format, magic] of [
      ["docx", "PK"],
      ["pdf", "%PDF"],
    ] as const) {
      const f = await t.app.request(
        `/api/v1/library/export?orgId=${t.world.unit.id}&q=${encodeURIComponent("培训")}&format=${format}`,
        { headers: { Cookie: viewer.cookie! } },
      );
      expect(f.status).toBe(200);
      expect(
        Buffer.from(await f.arrayBuffer())
          .subarray(0, magic.length)
          .toString("latin1"),
      ).toBe(magic);
    }
    const audit = await t.deps.db
      .select({ details: auditEvents.details, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.library"), eq(auditEvents.orgId, t.world.unit.id)));
    expect(
      audit.map((a) => [
        a.entityId,
        (a.details as { q: string | null }).q,
        (a.details as { fileName: string }).fileName,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [t.world.city.id, null, `${t.world.city.name}绩效指标库.xlsx`],
        [t.world.city.id, "培训", `${t.world.city.name}绩效指标库.pdf`],
      ]),
    );
    expect(audit).toHaveLength(3);
  });

  it("answers another tree's organisation as not found", async () => {
    const r = await foreignFiller.get(`/library/suggestions?orgId=${t.world.unit.id}&q=x`);
    expect(r.status).toBe(404);
    const own = await foreignFiller.get(
      `/library/suggestions?orgId=${t.world.foreign.id}&q=${encodeURIComponent("培训")}`,
    );
    expect(own.body.items.map((s: { typicalTarget: string }) => s.typicalTarget)).toEqual(["≥3人"]);
  });
});
