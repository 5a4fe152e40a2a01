/**
 * What is published stays byte for byte what it was, on both stores: after the record is adjusted (a new
 * revision, renamed, its indicator changed) the public site serves the very files whose SHA-256 the publication
 * recorded, the document whose canonical-JSON hash it recorded, and rendering that stored snapshot again reads
 * back to the same data as the published file.
 */
import { createHash } from "node:crypto";
import { exportDocument } from "@jixiao/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUpload } from "../src/imports/read.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

/**
 * Approve a submitted project whichever review the server runs: two steps (the unit approver's unit-approve,
 * then the reviewer's approve) or one (the approver's approve).
 */
async function approveProject(approver: Client, reviewer: Client, id: string): Promise<void> {
  const version = (await approver.get(`/projects/${id}`)).body.version;
  const unit = await approver.post(`/projects/${id}/unit-approve`, { version });
  const done =
    unit.status === 200
      ? await reviewer.post(`/projects/${id}/approve`, { version: unit.body.version })
      : await approver.post(`/projects/${id}/approve`, { version });
  if (done.status !== 200) throw new Error(`approve ${id}: ${done.status} ${JSON.stringify(done.body)}`);
}

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** Canonical JSON written independently of the server's: keys sorted at every level. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** What a read-back project holds, without where it was found. */
const dataOf = (p: {
  name: string;
  budget?: { yuan?: string };
  goal?: string;
  indicators: { level1?: string; level2?: string; name: string; target?: { text: string } }[];
}) => ({
  name: p.name,
  budget: p.budget?.yuan,
  goal: p.goal,
  indicators: p.indicators.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, target: i.target?.text })),
});

describe.each(STORES)("published snapshots on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  let approver: Client;
  let reviewer: Client;
  let projectId: string;
  let published: {
    id: string;
    files: Record<string, { sha256: string; size: number; fileName: string }>;
    snapshotSha256: string;
  };
  beforeAll(async () => {
    t = await testApp(kind);
    filler = await t.as("filler");
    approver = await t.as("approver");
    reviewer = await t.as("reviewer");
    const p = (
      await filler.post("/projects", {
        orgId: t.world.unit.id,
        year: 2024,
        name: "交通安全宣传项目",
        annualFunds: "123456.78",
        annualGoal: "全年开展交通安全宣传活动",
      })
    ).body;
    projectId = p.id;
    const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const l2 = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id }))
      .body;
    await filler.post(`/projects/${p.id}/indicators`, {
      level: 3,
      name: "宣传活动场次",
      parentId: l2.id,
      targetText: "≥12场",
    });
    expect((await filler.post(`/projects/${p.id}/submit`, { version: 1 })).status).toBe(200);
    await approveProject(approver, reviewer, p.id);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const file = async (format: string) => {
    const res = await t.app.request(`/api/v1/public/publications/${published.id}/file?format=${format}`);
    expect(res.status, format).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  it("records at publication the hashes of the files and of the snapshot", async () => {
    const r = await reviewer.post("/publications", { type: "project", id: projectId });
    expect(r.status).toBe(201);
    published = r.body;
    expect(published.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(published.files).sort()).toEqual(["docx", "xlsx"]);
    // Nothing but the name, size and hash of a file is shown (the kept bytes are not).
    expect(Object.keys(published.files.xlsx!).sort()).toEqual(["fileName", "sha256", "size"]);
  });

  it("serves the same bytes and the same document after the record is adjusted", async () => {
    // An adjustment: a new revision of the approved project, renamed, its indicator's target changed.
    const version = (await filler.get(`/projects/${projectId}`)).body.version;
    const rev = (await filler.post(`/projects/${projectId}/revise`, { version })).body;
    expect((await filler.patch(`/projects/${rev.id}`, { version: 1, name: "调整后的宣传项目" })).status).toBe(200);
    const inds = (await filler.get(`/projects/${rev.id}/indicators`)).body.items;
    const leaf = inds.find((i: { level: number }) => i.level === 3);
    expect(
      (await filler.patch(`/indicators/${leaf.id}`, { version: leaf.version, targetText: "≥20场" })).status,
    ).toBeLessThan(300);

    for (const format of ["xlsx", "docx"]) {
      const first = await file(format);
      expect(sha256(first), format).toBe(published.files[format]!.sha256);
      expect(first.length).toBe(published.files[format]!.size);
      expect(sha256(await file(format)), format).toBe(published.files[format]!.sha256);
    }
    const one = await t.client().get(`/public/publications/${published.id}`);
    expect(one.status).toBe(200);
    expect(sha256(canonical(one.body.document))).toBe(published.snapshotSha256);
    expect(one.body.publication.snapshotSha256).toBe(published.snapshotSha256);
    expect(one.body.document.projects[0].name).toBe("交通安全宣传项目");
    expect(one.body.document.projects[0].indicators[0].target.text).toBe("≥12场");
  });

  it("re-rendering the stored snapshot reads back to the same data as the published file", async () => {
    const one = await t.client().get(`/public/publications/${published.id}`);
    for (const format of ["xlsx", "docx"] as const) {
      const servedBack = await readUpload(await file(format), `p.${format}`);
      const again = await exportDocument(one.body.document, { format });
      const againBack = await readUpload(again.data, `p.${format}`);
      expect(againBack.kind).toBe("project-goals");
      expect(dataOf(againBack.document.projects[0]!)).toEqual(dataOf(servedBack.document.projects[0]!));
      expect(dataOf(servedBack.document.projects[0]!)).toEqual({
        name: "交通安全宣传项目",
        budget: "123456.78",
        goal: "全年开展交通安全宣传活动",
        indicators: [{ level1: "产出指标", level2: "数量指标", name: "宣传活动场次", target: "≥12场" }],
      });
    }
  });

  it("keeps the PDF rendered at its first download: later downloads are the same bytes, its hash is listed", async () => {
    const first = await file("pdf");
    expect(new TextDecoder().decode(first.slice(0, 5))).toBe("%PDF-");
    const second = await file("pdf");
    expect(sha256(second)).toBe(sha256(first));
    const list = await t.client().get(`/public/publications?orgId=${t.world.unit.id}`);
    const view = list.body.items.find((p: { id: string }) => p.id === published.id);
    expect(view.files.pdf).toMatchObject({ sha256: sha256(first), size: first.length });
    // The xlsx and docx hashes are still the ones recorded at publication.
    expect(view.files.xlsx.sha256).toBe(published.files.xlsx!.sha256);
    expect(view.files.docx.sha256).toBe(published.files.docx!.sha256);
  });
});
