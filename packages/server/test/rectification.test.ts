/**
 * Rectification (整改) end to end: the reviewer creates items (typed, from a record, proposed from a
 * self-evaluation's shortfalls); the unit answers with measures and evidence files and submits; the reviewer returns
 * and accepts; overdue items are listed; every step is a history row and an audit row; the 整改情况 report is read
 * back from its xlsx, docx and PDF.
 */

import { parseEvaluationInput, proposeFromEvaluation, scoreEvaluation } from "@jixiao/core";
import { type Block, pdfEngine, readDocument } from "@jixiao/documents";
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { MAX_EVIDENCE_BYTES } from "../src/rectification/rectification.service.ts";
import type { Client } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { openXlsx, rowAfter, summed } from "./support/xlsx.ts";

/** A self-evaluation input with a missed target and execution of 80%: its score is core's, never typed here. */
const EVALUATION_JSON = {
  title: "执法装备购置",
  scheme: "national-project",
  budget: { budget: "100", executed: "80" },
  indicators: [
    { level1: "产出指标", level2: "数量指标", name: "购置执法记录仪", target: "≥100台", actual: "60台", points: 50 },
    { level1: "效益指标", level2: "社会效益指标", name: "执法规范率", target: "≥95%", actual: "96%", points: 30 },
    {
      level1: "满意度指标",
      level2: "服务对象满意度指标",
      name: "群众满意度",
      target: "≥90%",
      actual: "92%",
      points: 10,
    },
  ],
};

function scored() {
  const parsed = parseEvaluationInput(EVALUATION_JSON);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return scoreEvaluation(parsed.value);
}

const cellsOf = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.type === "table" ? b.table.rows.map((r) => r.map((c) => c.text)) : []));

describe.each(STORES)("rectification on %s", (kind) => {
  const { t, filler, reviewer, approver, viewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "reviewer",
    "approver",
    "viewer",
    "foreignFiller",
  ]);
  let evaluationId = "";
  let projectId = "";

  const upload = async (c: Client, itemId: string, name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
    const res = await t.app.request(`/api/v1/rectification/items/${itemId}/attachments`, {
      method: "POST",
      headers: { Cookie: c.cookie!, "X-CSRF-Token": c.csrf! },
      body: form,
    });
    // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely; their shapes are asserted.
    return { status: res.status, body: (await res.json()) as any };
  };
  const download = async (c: Client, path: string) => {
    const res = await t.app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const base = () => ({
    orgId: t.world.unit.id,
    year: 2025,
    sourceKind: "expert_opinion",
    sourceRef: "专家组",
    problem: "项目绩效目标设置偏低",
    requiredMeasures: "对照上年实际完成值修订绩效目标",
    deadline: "2026-06-30",
  });

  beforeAll(async () => {
    const p = await insertProject(t.deps.db, { orgId: t.world.unit.id, year: 2024, name: "执法装备购置" });
    projectId = p.id;
    const e = await insertEvaluation(t.deps.db, {
      kind: "project",
      orgId: t.world.unit.id,
      year: 2024,
      projectId: p.id,
      workflowState: "approved",
      scoreResult: scored(),
    });
    evaluationId = e.id;
  });

  it("lets only the reviewer above the unit create an item; others get 403, a foreign unit 404", async () => {
    expect((await filler.post("/rectification/items", base())).status).toBe(403);
    expect((await approver.post("/rectification/items", base())).status).toBe(403);
    expect((await viewer.post("/rectification/items", base())).status).toBe(403);
    expect((await foreignFiller.post("/rectification/items", base())).status).toBe(404);
    expect((await reviewer.post("/rectification/items", { ...base(), orgId: t.world.foreign.id })).status).toBe(404);
    const bad = await reviewer.post("/rectification/items", { ...base(), deadline: "2026-02-30" });
    expect(bad.status).toBe(400);
    const r = await reviewer.post("/rectification/items", base());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: "pending",
      stateName: "待整改",
      overdue: false,
      orgName: "赵县公安局交警大队",
    });
    expect(r.body.source).toMatchObject({ kind: "expert_opinion", name: "专家意见", ref: "专家组" });
    // The unit reads it; the foreign unit does not see it.
    expect((await filler.get(`/rectification/items/${r.body.id}`)).status).toBe(200);
    expect((await foreignFiller.get(`/rectification/items/${r.body.id}`)).status).toBe(404);
  });

  it("takes the unit and year from a source record (a monitoring warning or review finding on a project)", async () => {
    const r = await reviewer.post("/rectification/items", {
      sourceKind: "review_finding",
      sourceEntityType: "project",
      sourceEntityId: projectId,
      sourceRef: "no-satisfaction",
      problem: "缺少满意度指标",
      requiredMeasures: "补充服务对象满意度指标",
      deadline: "2026-04-30",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ orgId: t.world.unit.id, year: 2024 });
    expect(r.body.source).toMatchObject({ entityType: "project", entityId: projectId, name: "审核发现" });
    const foreign = await insertProject(t.deps.db, { orgId: t.world.foreign.id, year: 2024, name: "外省" });
    const hidden = await reviewer.post("/rectification/items", {
      sourceKind: "review_finding",
      sourceEntityType: "project",
      sourceEntityId: foreign.id,
      problem: "x",
      requiredMeasures: "y",
      deadline: "2026-04-30",
    });
    expect(hidden.status).toBe(404);
  });

  it("goes through the whole life cycle: answer, evidence, submit, return, answer, submit, accept — each step recorded and audited", async () => {
    const item = (await reviewer.post("/rectification/items", base())).body;
    const answered = await filler.post(`/rectification/items/${item.id}/answer`, {
      version: item.version,
      measuresTaken: "已修订目标",
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ state: "in_progress", stateName: "整改中", measuresTaken: "已修订目标" });
    // A stale version is refused with the item as it is now.
    const stale = await filler.post(`/rectification/items/${item.id}/answer`, {
      version: item.version,
      measuresTaken: "x",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    // The reviewer may not answer, the unit may not accept.
    expect(
      (await reviewer.post(`/rectification/items/${item.id}/answer`, { version: 2, measuresTaken: "x" })).status,
    ).toBe(403);

    const evidence = new TextEncoder().encode("整改佐证：修订后的绩效目标表");
    const up = await upload(filler, item.id, "修订后的绩效目标表.txt", evidence);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: "修订后的绩效目标表.txt", size: evidence.length });
    expect((await upload(reviewer, item.id, "x.txt", evidence)).status).toBe(403);
    const got = await download(reviewer, `/rectification/attachments/${up.body.id}`);
    expect(got.status).toBe(200);
    expect(new TextDecoder().decode(got.bytes)).toBe("整改佐证：修订后的绩效目标表");
    expect(decodeURIComponent(got.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toBe(
      "修订后的绩效目标表.txt",
    );
    const big = await upload(filler, item.id, "big.pdf", new Uint8Array(MAX_EVIDENCE_BYTES + 1));
    expect(big.status).toBe(413);

    let v = (await filler.get(`/rectification/items/${item.id}`)).body.version;
    expect((await filler.post(`/rectification/items/${item.id}/accept`, { version: v })).status).toBe(403);
    const sub = await filler.post(`/rectification/items/${item.id}/submit`, { version: v });
    expect(sub.body).toMatchObject({ state: "submitted", attachments: 1 });
    // Submitted: the evidence is frozen.
    expect((await upload(filler, item.id, "late.txt", evidence)).status).toBe(409);
    const detach = await filler.del(`/rectification/attachments/${up.body.id}`);
    expect(detach.status).toBe(409);

    v = sub.body.version;
    const noComment = await reviewer.post(`/rectification/items/${item.id}/return`, { version: v, comment: " " });
    expect(noComment.status).toBe(400);
    const ret = await reviewer.post(`/rectification/items/${item.id}/return`, { version: v, comment: "佐证材料不足" });
    expect(ret.body).toMatchObject({ state: "returned", stateName: "退回", reviewComment: "佐证材料不足" });
    const again = await filler.post(`/rectification/items/${item.id}/submit`, {
      version: ret.body.version,
      measuresTaken: "已修订目标并报财政备案",
    });
    expect(again.body).toMatchObject({ state: "submitted", measuresTaken: "已修订目标并报财政备案" });
    const ok = await reviewer.post(`/rectification/items/${item.id}/accept`, { version: again.body.version });
    expect(ok.body).toMatchObject({ state: "accepted", stateName: "已验收", answerable: false });
    const after = await filler.post(`/rectification/items/${item.id}/answer`, {
      version: ok.body.version,
      measuresTaken: "x",
    });
    expect(after.status).toBe(409);

    expect(ok.body.steps.map((s: { action: string; toState: string }) => `${s.action}→${s.toState}`)).toEqual([
      "create→pending",
      "answer→in_progress",
      "submit→submitted",
      "return→returned",
      "submit→submitted",
      "accept→accepted",
    ]);
    expect(ok.body.steps[3]).toMatchObject({ comment: "佐证材料不足", actorName: "reviewer" });
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(like(auditEvents.action, "rectification.%"), eq(auditEvents.entityId, item.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        "rectification.create",
        "rectification.answer",
        "rectification.attach",
        "rectification.submit",
        "rectification.return",
        "rectification.submit",
        "rectification.accept",
      ].sort(),
    );
    expect(audit.every((a) => a.orgId === t.world.unit.id && a.entityType === "rectification_item")).toBe(true);
    const returned = audit.find((a) => a.action === "rectification.return")!;
    expect(returned.details).toEqual({ comment: "佐证材料不足" });
    expect((returned.before as { state: string }).state).toBe("submitted");
    expect((returned.after as { state: string }).state).toBe("returned");
  });

  it("lists overdue items (past the deadline, not accepted) and filters by state", async () => {
    const late = (
      await reviewer.post("/rectification/items", { ...base(), deadline: "2026-02-27", problem: "逾期事项" })
    ).body;
    expect(late).toMatchObject({ overdue: true, daysOverdue: 3 });
    const list = await filler.get("/rectification/items?overdue=true");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(late.id);
    expect(list.body.items.every((i: { overdue: boolean; state: string }) => i.overdue && i.state !== "accepted")).toBe(
      true,
    );
    const all = (await viewer.get("/rectification/items")).body;
    expect(all.counts.overdue).toBe(list.body.items.length);
    expect(all.counts.total).toBe(all.items.length);
    const accepted = (await viewer.get("/rectification/items?state=accepted")).body.items;
    expect(accepted.length).toBe(all.counts.accepted);
    expect((await viewer.get("/rectification/items?state=done")).status).toBe(400);
    expect((await foreignFiller.get("/rectification/items")).body.items).toEqual([]);
    expect((await foreignFiller.get(`/rectification/items?orgId=${t.world.unit.id}`)).status).toBe(404);
  });

  it("proposes items from a self-evaluation's shortfalls and creates each once", async () => {
    const expected = proposeFromEvaluation({ ...scored(), title: "执法装备购置" });
    const p = await reviewer.get(`/rectification/evaluations/${evaluationId}/proposals`);
    expect(p.status).toBe(200);
    expect(p.body.proposals.map((x: { key: string }) => x.key)).toEqual(expected.map((x) => x.key));
    expect(p.body.proposals.map((x: { key: string }) => x.key)).toContain("execution");
    expect(p.body.proposals.some((x: { indicator: string }) => x.indicator === "购置执法记录仪")).toBe(true);
    expect(
      (await filler.post(`/rectification/evaluations/${evaluationId}/items`, { deadline: "2026-06-30" })).status,
    ).toBe(403);
    const made = await reviewer.post(`/rectification/evaluations/${evaluationId}/items`, {
      deadline: "2026-06-30",
      texts: { execution: { requiredMeasures: "加快执行进度，下年度预算据实编制" } },
    });
    expect(made.status).toBe(201);
    expect(made.body.items).toHaveLength(expected.length);
    const exec = made.body.items.find((i: { source: { ref: string } }) => i.source.ref === "execution");
    expect(exec).toMatchObject({ requiredMeasures: "加快执行进度，下年度预算据实编制", year: 2024 });
    expect(exec.source).toMatchObject({ kind: "evaluation", shortfall: "execution", entityType: "self_evaluation" });
    const twice = await reviewer.post(`/rectification/evaluations/${evaluationId}/items`, { deadline: "2026-06-30" });
    expect(twice.body.items).toEqual([]);
    const marked = (await reviewer.get(`/rectification/evaluations/${evaluationId}/proposals`)).body.proposals;
    expect(marked.every((x: { created: boolean }) => x.created)).toBe(true);
  });

  it("counts the items waiting in the to-do bell: to answer for the unit, to accept for the reviewer, overdue among them", async () => {
    // one more item submitted by the unit, so that the reviewer has one to accept
    const extra = (await reviewer.post("/rectification/items", { ...base(), problem: "待验收事项" })).body;
    expect(
      (
        await filler.post(`/rectification/items/${extra.id}/submit`, {
          version: extra.version,
          measuresTaken: "已修订",
        })
      ).status,
    ).toBe(200);
    const list = (await reviewer.get(`/rectification/items?orgId=${t.world.unit.id}&year=2025`)).body.items as {
      state: string;
      overdue: boolean;
    }[];
    const answerable = list.filter((i) => ["pending", "in_progress", "returned"].includes(i.state));
    const submitted = list.filter((i) => i.state === "submitted");
    expect(answerable.length).toBeGreaterThan(0);
    expect(submitted.length).toBeGreaterThan(0);
    const todo = async (c: Client) =>
      (await c.get(`/workflow/todo/count?orgId=${t.world.unit.id}&year=2025`)).body as {
        count: number;
        projects: number;
        goals: number;
        evaluations: number;
        budgets: number;
        monitoring: number;
        rectification: number;
        rectificationOverdue: number;
      };
    const sum = (x: Awaited<ReturnType<typeof todo>>) =>
      x.projects + x.goals + x.evaluations + x.budgets + x.monitoring + x.rectification;
    const f = await todo(filler);
    expect(f.rectification).toBe(answerable.length);
    expect(f.rectificationOverdue).toBe(answerable.filter((i) => i.overdue).length);
    expect(f.count).toBe(sum(f));
    const r = await todo(reviewer);
    expect(r.rectification).toBe(submitted.length);
    expect(r.rectificationOverdue).toBe(submitted.filter((i) => i.overdue).length);
    expect(r.count).toBe(sum(r));
    // a viewer has nothing to do
    expect((await todo(viewer)).rectification).toBe(0);
  });

  it("writes the 整改情况 report as xlsx, docx and PDF that read back to the items and the counts", async () => {
    const list = (await reviewer.get(`/rectification/items?orgId=${t.world.unit.id}&year=2025`)).body;
    expect(list.items.length).toBeGreaterThan(0);
    for (const format of ["xlsx", "docx", "pdf"] as const) {
      const r = await download(reviewer, `/rectification/report?orgId=${t.world.unit.id}&year=2025&format=${format}`);
      if (format === "pdf" && !pdfEngine()) {
        // Neither LibreOffice nor a CJK font on this machine (.ci/run installs both): the plain refusal.
        expect(r.status).toBe(400);
        expect(new TextDecoder().decode(r.bytes)).toContain("无法生成 PDF");
        continue;
      }
      expect(r.status).toBe(200);
      const name = decodeURIComponent(r.headers.get("content-disposition")!.split("UTF-8''")[1]!);
      expect(name).toBe(`赵县公安局交警大队2025年度整改情况报告.${format}`);
      if (format === "xlsx") {
        // Excel-native (issue 13 #7): the counts are number cells; 合计 each a SUM over the units above it
        const ws = (await openXlsx(r.bytes)).getWorksheet("整改情况汇总")!;
        const totals = rowAfter(ws, "合计");
        expect(totals.map((x) => x.result)).toEqual(
          ["total", "pending", "in_progress", "submitted", "accepted", "returned", "overdue"].map(
            (k) => list.counts[k],
          ),
        );
        for (const x of totals) {
          expect(x.formula).toMatch(/^SUM\([A-Z]+\d+(:[A-Z]+\d+)?\)$/);
          expect(x.numFmt).toBe("0");
          const parts = summed(ws, x.formula);
          expect(parts.length).toBeGreaterThan(0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(x.result);
        }
      }
      const back = await readDocument(r.bytes, name);
      if (format === "pdf") {
        expect(new TextDecoder().decode(r.bytes.slice(0, 5))).toBe("%PDF-");
        const text = JSON.stringify(back);
        expect(text).toContain("整改情况报告");
        // Table cells wrap over lines that a text extraction may interleave: the headings, not the cells, are read.
        expect(text).toContain("整改事项明细");
        continue;
      }
      if (!("blocks" in back)) throw new Error("no blocks");
      const rows = cellsOf(back.blocks);
      const total = rows.find((row) => row[0] === "合计")!;
      // 合计 | 整改事项 | 待整改 | 整改中 | 已提交 | 已验收 | 退回 | 逾期
      expect(total.slice(1).map(Number)).toEqual([
        list.counts.total,
        list.counts.pending,
        list.counts.in_progress,
        list.counts.submitted,
        list.counts.accepted,
        list.counts.returned,
        list.counts.overdue,
      ]);
      const problems = rows.map((row) => row[3]);
      for (const i of list.items) expect(problems).toContain(i.problem);
    }
    const audited = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "export.rectification"));
    expect(audited.length).toBe(pdfEngine() ? 3 : 2);
    // Another organisation's report is not the reviewer's to read.
    expect((await download(reviewer, `/rectification/report?orgId=${t.world.foreign.id}&year=2025`)).status).toBe(404);
  });
});
