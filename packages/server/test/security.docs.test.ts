/**
 * Issue 15, finding 11 (last point) and "Done when" — what the documents say matches the server:
 * - docs/api.md said a unit approver may publish while the server answered 403. Only the reviewer publishes; the
 *   test runs both and reads the documented rule.
 * - docs/deploy.md lists every security setting: every key of the server's Settings, the job quotas and the
 *   retention periods are named there with their values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../src/http/context.ts";
import { JOB_QUOTA } from "../src/jobs/queue.ts";
import { RETENTION } from "../src/jobs/retention.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const DOCS = join(import.meta.dirname, "../../../docs");
const section = (text: string, heading: string) => {
  const from = text.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const next = text.indexOf("\n## ", from + heading.length);
  return text.slice(from, next < 0 ? undefined : next);
};

describe.each(STORES)("who publishes, as documented, on %s", (kind) => {
  const { t, filler, approver, reviewer } = appForSuite(kind, ["filler", "approver", "reviewer"]);

  it("lets the reviewer publish an approved project and refuses the unit approver (403), as docs/api.md says", async () => {
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "公开测试项目" })).body;
    const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const l2 = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id }))
      .body;
    await filler.post(`/projects/${p.id}/indicators`, {
      level: 3,
      name: "培训次数",
      parentId: l2.id,
      targetText: "≥10次",
    });
    const submitted = await filler.post(`/projects/${p.id}/submit`, { version: p.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const unit = await approver.post(`/projects/${p.id}/unit-approve`, { version: submitted.body.version });
    expect(unit.status).toBe(200);
    expect((await reviewer.post(`/projects/${p.id}/approve`, { version: unit.body.version })).status).toBe(200);

    expect((await approver.post("/publications", { type: "project", id: p.id })).status).toBe(403);
    expect((await reviewer.post("/publications", { type: "project", id: p.id })).status).toBe(201);

    const publishing = section(readFileSync(join(DOCS, "api.md"), "utf8"), "## Publishing");
    expect(publishing).toMatch(/an explicit act of the \*\*reviewer\*\*/);
    expect(publishing).toMatch(/unit approver[^.]*does not publish: 403/);
    expect(publishing).not.toMatch(/approver or reviewer/);
  });
});

describe("docs/deploy.md lists every security setting", () => {
  const deploy = section(readFileSync(join(DOCS, "deploy.md"), "utf8"), "## Security");

  it("names each key of the server's Settings", () => {
    for (const key of Object.keys(DEFAULT_SETTINGS)) expect(deploy, key).toContain(`Settings.${key}`);
  });

  it("gives the job quotas, the retention periods and the limits with their values", () => {
    expect(deploy).toContain(`${JOB_QUOTA.perAccount} per account, ${JOB_QUOTA.perOrganisation} per organisation`);
    expect(deploy).toContain(`zips ${RETENTION.jobFileMs / 86_400_000} days after their job`);
    expect(deploy).toContain(`abandoned upload pieces ${RETENTION.orphanUploadMs / 86_400_000} day`);
    expect(deploy).toContain(
      `${DEFAULT_SETTINGS.maxFailedLogins} failures → ${DEFAULT_SETTINGS.lockoutMs / 60_000} minutes`,
    );
    expect(deploy).toContain(`${DEFAULT_SETTINGS.maxFailedLoginsPerIp} failures per address`);
    expect(deploy).toContain(`${DEFAULT_SETTINGS.jsonBodyLimit / 1048576} MB → 413`);
    expect(deploy).toContain("jixiao admin recover");
  });
});
