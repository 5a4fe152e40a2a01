import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, FLAWED_DEMO_PROJECT } from "../src/demo/seed.ts";
import { startServer } from "../src/server.ts";
import { freshStore } from "./support/stores.ts";

async function login(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: r.status,
    cookie: r.headers.get("set-cookie")?.split(";")[0],
    body: (await r.json()) as { user: { mustChangePassword: boolean } },
  };
}

describe("startServer on PGlite (the embedded default)", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-serve-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the database, loads the demo once, serves /health, refuses a second process, restarts cleanly", async () => {
    const first = await startServer({ port: 0, host: "127.0.0.1", dataDir: dir, logError: () => {} });
    try {
      expect(first.created?.kind).toBe("demo");
      expect([...new Set(first.created?.accounts.map((a) => a.role))].sort()).toEqual([
        "auditor",
        "expert",
        "filler",
        "reviewer",
        "secadmin",
        "sysadmin",
        "unit_approver",
        "viewer",
      ]);
      const health = await fetch(`${first.url}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", store: "pglite" });
      // The public site has a document from the first start: seed 002's self-evaluation, published by the demo
      // reviewer (audited as anyone's publication), downloadable as the very bytes it recorded.
      const pub = (await (await fetch(`${first.url}/api/v1/public/publications`)).json()) as {
        items: { id: string; type: string; orgName: string; year: number; files: Record<string, { sha256: string }> }[];
      };
      expect(pub.items.map((p) => [p.type, p.orgName, p.year])).toEqual([
        ["evaluation", "武汉市公安局青山区交通大队", 2020],
      ]);
      const docx = new Uint8Array(
        await (
          await fetch(`${first.url}/api/v1/public/publications/${pub.items[0]!.id}/file?format=docx`)
        ).arrayBuffer(),
      );
      expect(createHash("sha256").update(docx).digest("hex")).toBe(pub.items[0]!.files.docx!.sha256);
      const signedIn = await login(first.url, "demo-filler", DEMO_PASSWORD);
      expect(signedIn.status).toBe(200);
      const list = await fetch(`${first.url}/api/v1/projects?year=2024`, { headers: { Cookie: signedIn.cookie! } });
      const body = (await list.json()) as { items: { id: string; name: string; orgId: string; state: string }[] };
      expect(body.items.map((p) => p.name).sort()).toEqual(
        [
          "2024年度交通安全宣传",
          "2024年度交通管理信息系统运维",
          "2024年度执勤装备购置",
          "2024年度教育训练",
          "2024年度警用车辆维护",
          FLAWED_DEMO_PROJECT,
        ].sort(),
      );
      const states = new Map(body.items.map((p) => [p.name, p.state]));
      expect(states.get("2024年度教育训练")).toBe("draft");
      expect(states.get(FLAWED_DEMO_PROJECT)).toBe("draft");
      expect([...states.values()].sort()).toEqual([
        "approved",
        "draft",
        "draft",
        "returned",
        "submitted",
        "unit_approved",
      ]);
      // The draft with problems: the automatic review finds the vague target, the missing 满意度指标 group and
      // the weights that do not add up to 100, each on the stored row it concerns.
      const flawed = body.items.find((p) => p.name === FLAWED_DEMO_PROJECT)!;
      const review = (await (
        await fetch(`${first.url}/api/v1/reviews/project/${flawed.id}`, { headers: { Cookie: signedIn.cookie! } })
      ).json()) as { findings: { rule: string; message: string; record?: { type: string } }[]; verdict: string };
      const byRule = new Map(review.findings.map((f) => [f.rule, f]));
      expect(byRule.get("indicator.qualitative-needs-number")?.message).toContain("较好");
      expect(byRule.get("completeness.level1-groups")?.message).toContain("满意度");
      expect(byRule.get("indicator.weights-sum")?.message).toMatch(/合计 80，应为 100/);
      expect(byRule.get("indicator.qualitative-needs-number")?.record?.type).toBe("indicator");
      expect(review.verdict).not.toBe("优");
      // Something to do for each role of the unit: the approver, the reviewer and the filler.
      const unitId = body.items[0]!.orgId;
      type Todo = Record<
        "count" | "projects" | "goals" | "evaluations" | "budgets" | "monitoring" | "rectification",
        number
      >;
      const todo = async (cookie: string) =>
        (await (
          await fetch(`${first.url}/api/v1/workflow/todo/count?orgId=${unitId}&year=2024`, {
            headers: { Cookie: cookie },
          })
        ).json()) as Todo;
      // 整改 items to answer (the filler's) or to accept (the reviewer's) count too (issue 17)
      const sum = (t: Todo) => t.projects + t.goals + t.evaluations + t.budgets + t.monitoring + t.rectification;
      const approver = await login(first.url, "demo-approver", DEMO_PASSWORD);
      // the filler: the returned project, and the demo's 2024 monitoring records still to fill
      const fillerTodo = await todo(signedIn.cookie!);
      expect(fillerTodo.projects).toBe(1);
      expect(fillerTodo.monitoring).toBeGreaterThan(0);
      expect(fillerTodo.count).toBe(sum(fillerTodo));
      // the approver: the submitted project
      const approverTodo = await todo(approver.cookie!);
      expect(approverTodo.projects).toBe(1);
      expect(approverTodo.count).toBe(sum(approverTodo));
      // The returned one shows who returned it and why; the approved one has its snapshots.
      const returned = body.items.find((p) => p.name.includes("信息系统"))!;
      const history = (await (
        await fetch(`${first.url}/api/v1/projects/${returned.id}/transitions`, {
          headers: { Cookie: signedIn.cookie! },
        })
      ).json()) as { items: { action: string; actorName: string; comment: string | null }[] };
      expect(history.items.map((h) => `${h.action}:${h.actorName}`)).toEqual([
        "submit:demo-filler",
        "unit_approve:demo-approver",
        "return:demo-reviewer",
      ]);
      expect(history.items[2]!.comment).toBeTruthy();
      const reviewer = await login(first.url, "demo-reviewer", DEMO_PASSWORD);
      const orgs = (await (
        await fetch(`${first.url}/api/v1/orgs`, { headers: { Cookie: reviewer.cookie! } })
      ).json()) as {
        items: { id: string; code: string }[];
      };
      expect(orgs.items.map((o) => o.code).sort()).toEqual(["312", "312007", "374", "374101", "420107", "530300"]);
      const qingshan = orgs.items.find((o) => o.code === "420107")!;
      const scores = await fetch(`${first.url}/api/v1/rollups/scores?orgId=${qingshan.id}&year=2020`, {
        headers: { Cookie: reviewer.cookie! },
      });
      expect(((await scores.json()) as { items: unknown[] }).items).toEqual([
        // the stored score (core's 93.1 from seed 002's rows), the stated 92 beside it
        expect.objectContaining({ total: "93.1", grade: "优", statedTotal: "92" }),
      ]);
      const summary = (await (
        await fetch(`${first.url}/api/v1/rollups/scores/summary?orgId=${qingshan.id}&year=2020`, {
          headers: { Cookie: reviewer.cookie! },
        })
      ).json()) as { total: unknown; units: { orgName: string; own: boolean; count: number }[] };
      expect(summary.total).toEqual({ count: 1, grades: { 优: 1, 良: 0, 中: 0, 差: 0 }, mean: "93.1", min: "93.1" });
      expect(summary.units).toEqual([expect.objectContaining({ own: true, count: 1 })]);
      const tianjin = orgs.items.find((o) => o.code === "374")!;
      const reviewerTodo = await fetch(`${first.url}/api/v1/workflow/todo/count?orgId=${tianjin.id}&year=2024`, {
        headers: { Cookie: reviewer.cookie! },
      });
      // the reviewer: the unit-approved project, and any monitoring record the units filed for review
      const reviewerCounts = (await reviewerTodo.json()) as Todo;
      expect(reviewerCounts, JSON.stringify(reviewerCounts)).toMatchObject({ projects: 1, goals: 0, budgets: 0 });
      expect(reviewerCounts.count).toBe(sum(reviewerCounts));
      // In-year monitoring (issue 16): the 2024 round (1–6月) the demo reviewer opened over 天津, seen by the unit
      // below it too, and its warning list lit by core from the unit's monthly execution and filled records.
      const asReviewer = { headers: { Cookie: reviewer.cookie! } };
      const rounds = (await (await fetch(`${first.url}/api/v1/monitoring/rounds?year=2024`, asReviewer)).json()) as {
        items: { id: string; orgId: string; cutoffMonth: number }[];
      };
      expect(rounds.items).toEqual([expect.objectContaining({ orgId: tianjin.id, cutoffMonth: 6 })]);
      const fillerRounds = (await (
        await fetch(`${first.url}/api/v1/monitoring/rounds?year=2024`, { headers: { Cookie: signedIn.cookie! } })
      ).json()) as { items: { id: string }[] };
      expect(fillerRounds.items.map((r) => r.id)).toEqual([rounds.items[0]!.id]);
      const warnings = (await (
        await fetch(`${first.url}/api/v1/monitoring/rounds/${rounds.items[0]!.id}/warnings`, asReviewer)
      ).json()) as {
        counts: Record<"red" | "yellow" | "green", number>;
        items: {
          projectName: string;
          light: string;
          executionLight: string | null;
          workflowState: string;
          reasons: { code: string; light: string }[];
        }[];
      };
      // one record per 2024 project of the unit and one for its department goal (部门整体绩效), every light at least once
      expect(warnings.items.map((i) => i.projectName).sort()).toEqual(
        [...body.items.map((p) => p.name), "部门整体绩效"].sort(),
      );
      for (const light of ["red", "yellow", "green"] as const) expect(warnings.counts[light]).toBeGreaterThan(0);
      const byName = new Map(warnings.items.map((i) => [i.projectName, i]));
      // red: execution 20+ points behind time progress
      expect(byName.get("2024年度交通管理信息系统运维")).toMatchObject({
        light: "red",
        executionLight: "red",
        reasons: expect.arrayContaining([expect.objectContaining({ code: "execution_behind", light: "red" })]),
      });
      // yellow: execution on pace, but an indicator only 有可能
      expect(byName.get("2024年度教育训练")).toMatchObject({ light: "yellow", executionLight: "green" });
      expect(byName.get("2024年度教育训练")!.reasons).toContainEqual(
        expect.objectContaining({ code: "indicator_possible", light: "yellow" }),
      );
      // yellow: execution 10+ (less than 20) points behind
      expect(byName.get("2024年度执勤装备购置")).toMatchObject({ light: "yellow", executionLight: "yellow" });
      // green: on pace, its indicator on track, submitted and approved by the unit
      expect(byName.get("2024年度警用车辆维护")).toMatchObject({
        light: "green",
        reasons: [],
        workflowState: "unit_approved",
      });
      await expect(startServer({ port: 0, host: "127.0.0.1", dataDir: dir })).rejects.toThrow(/已被另一个进程占用/);
    } finally {
      await first.close();
    }
    const second = await startServer({ port: 0, host: "127.0.0.1", dataDir: dir, logError: () => {} });
    try {
      expect(second.created).toBeUndefined();
      expect((await login(second.url, "demo-viewer", DEMO_PASSWORD)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe("startServer on PostgreSQL", () => {
  it("creates the three administrators with random initial passwords to be changed, and no demo", async () => {
    const store = await freshStore("postgres");
    await store.handle.close();
    try {
      const server = await startServer({
        port: 0,
        host: "127.0.0.1",
        dataDir: "unused",
        databaseUrl: store.url!,
        logError: () => {},
      });
      try {
        expect(server.created?.kind).toBe("initial");
        const admin = server.created!.accounts.find((a) => a.role === "sysadmin")!;
        const r = await login(server.url, admin.username, admin.password);
        expect(r.status).toBe(200);
        expect(r.body.user.mustChangePassword).toBe(true);
        expect((await login(server.url, "demo-filler", DEMO_PASSWORD)).status).toBe(401);
      } finally {
        await server.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
