/**
 * The pure parts of components/workflow: who sees which button, which versions 本次修改 compares first, and a
 * stored project snapshot (the server's presented project with its indicator tree) as core's diff reads it.
 */
import { diffVersions } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import type { FlowState, FlowStep, SnapshotInfo } from "../../src/components/workflow/api.ts";
import { allowedActions } from "../../src/components/workflow/permissions.ts";
import { CURRENT, defaultComparison, PROJECT_FIELDS, versionOf } from "../../src/components/workflow/versions.ts";

const FILLER = { id: "u-filler", roles: ["filler"] };
const APPROVER = { id: "u-approver", roles: ["unit_approver"] };
const REVIEWER = { id: "u-reviewer", roles: ["reviewer"] };
const VIEWER = { id: "u-viewer", roles: ["viewer"] };
const STATES: FlowState[] = ["draft", "submitted", "unit_approved", "approved", "returned"];

describe("allowedActions", () => {
  it("gives each role its buttons in each of the five states, and the viewer none", () => {
    const table = Object.fromEntries(
      STATES.map((state) => [
        state,
        [FILLER, APPROVER, REVIEWER, VIEWER].map((u) => allowedActions({ state, submittedBy: "someone" }, u)),
      ]),
    );
    expect(table).toEqual({
      draft: [["submit"], [], [], []],
      submitted: [[], ["unit_approve", "return"], [], []],
      unit_approved: [[], [], ["approve", "return"], []],
      approved: [[], [], [], []],
      returned: [["submit"], [], [], []],
    });
  });

  it("never offers a review to the person who submitted the record, whatever their roles", () => {
    const both = { id: "u-both", roles: ["filler", "unit_approver", "reviewer"] };
    expect(allowedActions({ state: "submitted", submittedBy: both.id }, both)).toEqual([]);
    expect(allowedActions({ state: "unit_approved", submittedBy: both.id }, both)).toEqual([]);
    expect(allowedActions({ state: "submitted", submittedBy: "another" }, both)).toEqual(["unit_approve", "return"]);
    expect(allowedActions({ state: "returned", submittedBy: both.id }, both)).toEqual(["submit"]);
    expect(allowedActions({ state: "submitted", submittedBy: null }, undefined)).toEqual([]);
  });
});

const snap = (id: string, version: number, state: FlowState, createdAt: string): SnapshotInfo => ({
  id,
  version,
  state,
  createdAt,
});
const step = (action: FlowStep["action"], version: number, createdAt: string): FlowStep => ({
  action,
  from: "draft",
  to: "submitted",
  actorId: "a",
  actorName: "a",
  comment: action === "return" ? "请调整" : null,
  version,
  createdAt,
});

describe("defaultComparison", () => {
  const s1 = snap("s1", 2, "submitted", "2026-03-01T10:00:00Z");
  const s2 = snap("s2", 5, "submitted", "2026-03-02T10:00:00Z");
  const s3 = snap("s3", 7, "approved", "2026-03-03T10:00:00Z");

  it("after a return: the version returned against the record now, also once resubmitted and approved", () => {
    const returned = [step("submit", 2, s1.createdAt), step("return", 4, "2026-03-01T12:00:00Z")];
    expect(defaultComparison([s1], returned)).toEqual({ from: "s1", to: CURRENT });
    const later = [...returned, step("submit", 5, s2.createdAt), step("approve", 7, s3.createdAt)];
    expect(defaultComparison([s3, s1, s2], later)).toEqual({ from: "s1", to: CURRENT });
  });

  it("without a return: the latest two versions; with one, that one against now; with none, nothing", () => {
    expect(defaultComparison([s2, s3], [])).toEqual({ from: "s2", to: "s3" });
    expect(defaultComparison([s1], [])).toEqual({ from: "s1", to: CURRENT });
    expect(defaultComparison([], [])).toBeUndefined();
  });
});

describe("versionOf", () => {
  /** A project as GET /projects/{id} and its snapshot present it, with its indicator tree. */
  const project = (target: string, extra: Record<string, unknown> = {}) => ({
    id: "p1",
    name: "道路交通安全工作专项经费",
    annualFunds: "400000.00",
    state: "submitted",
    version: 2,
    updatedAt: "2026-03-01T10:00:00Z",
    ...extra,
    indicators: [
      { id: "i1", parentId: null, level: 1, name: "产出指标", targetText: null, weight: null },
      { id: "i2", parentId: "i1", level: 2, name: "数量指标", targetText: null, weight: null },
      {
        id: "i3",
        parentId: "i2",
        level: 3,
        name: "常规普法宣传、专题与专项普法宣",
        description: "常规普法宣传、专题与专项普法宣传次数",
        targetText: target,
        weight: "10.0000",
        version: 3,
      },
    ],
  });

  it("takes the level-3 rows with the names of their levels 1 and 2, and only the compared fields", () => {
    const v = versionOf(project("≥4次"), PROJECT_FIELDS);
    expect(v.fields).toEqual({ name: "道路交通安全工作专项经费", annualFunds: "400000.00" });
    expect(v.rows).toEqual([
      {
        id: "i3",
        level1: "产出指标",
        level2: "数量指标",
        name: "常规普法宣传、专题与专项普法宣",
        values: { description: "常规普法宣传、专题与专项普法宣传次数", targetText: "≥4次", weight: "10.0000" },
      },
    ]);
  });

  it("lets core's diff see the fixed target and nothing of the state, version or time", () => {
    const before = versionOf(project("≥4次"), PROJECT_FIELDS);
    const after = versionOf(project("≥12次", { state: "returned", version: 6, updatedAt: "later" }), PROJECT_FIELDS);
    const d = diffVersions(before, after);
    expect(d.fields).toEqual([]);
    expect(d.changed.map((c) => c.changes)).toEqual([[{ field: "targetText", before: "≥4次", after: "≥12次" }]]);
  });

  it("reads flat self-evaluation items as they are", () => {
    const v = versionOf(
      {
        executed: "380000.00",
        items: [{ id: "e1", level1: "产出指标", level2: null, name: "经费支出", actualText: "38万元" }],
      },
      ["executed"],
    );
    expect(v).toEqual({
      fields: { executed: "380000.00" },
      rows: [{ id: "e1", level1: "产出指标", level2: null, name: "经费支出", values: { actualText: "38万元" } }],
    });
  });
});
