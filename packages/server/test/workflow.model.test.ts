/**
 * Model test of the two-step workflow: random sequences of actions by random people never reach a state the
 * rules forbid. Each step's status is predicted by a small model of the rules (written here, independently of
 * workflow/rules.ts); the model and the server must agree. People: two with the filler role (one also a unit
 * approver), a unit approver, a reviewer, one who is both unit approver and reviewer, and a viewer.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, createTwoRoleAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

type Person = "filler" | "both" | "approver" | "reviewer" | "dual" | "viewer";
type Action = "edit" | "submit" | "unit-approve" | "approve" | "return";
type State = "draft" | "submitted" | "unit_approved" | "approved" | "returned";
const PEOPLE: Person[] = ["filler", "both", "approver", "reviewer", "dual", "viewer"];
const WRITERS: Person[] = ["filler", "both"];
const UNIT_APPROVERS: Person[] = ["both", "approver", "dual"];
const REVIEWERS: Person[] = ["reviewer", "dual"];

interface Model {
  state: State;
  version: number;
  submittedBy: Person | undefined;
  unitApprovedBy: Person | undefined;
}

/** The expected status of `action` by `who`, and the model after it. */
function step(m: Model, who: Person, action: Action): { status: number; next: Model } {
  const same = (status: number) => ({ status, next: m });
  const moved = (state: State, extra: Partial<Model> = {}) => ({
    status: 200,
    next: { ...m, ...extra, state, version: m.version + 1 },
  });
  switch (action) {
    case "edit":
    case "submit":
      if (!WRITERS.includes(who)) return same(403);
      if (m.state !== "draft" && m.state !== "returned") return same(409);
      return action === "edit"
        ? { status: 200, next: { ...m, version: m.version + 1 } }
        : moved("submitted", { submittedBy: who, unitApprovedBy: undefined });
    case "unit-approve":
      if (!UNIT_APPROVERS.includes(who)) return same(403);
      if (m.state !== "submitted") return same(409);
      if (m.submittedBy === who) return same(403);
      return moved("unit_approved", { unitApprovedBy: who });
    case "approve":
      if (!REVIEWERS.includes(who)) return same(403);
      if (m.state !== "unit_approved") return same(409);
      if (m.submittedBy === who || m.unitApprovedBy === who) return same(403);
      return moved("approved");
    case "return": {
      // The first stage's return is the unit approver's, the second's the reviewer's; from any other state
      // either role is told the state (409).
      const allowed =
        m.state === "unit_approved"
          ? REVIEWERS
          : m.state === "submitted"
            ? UNIT_APPROVERS
            : [...UNIT_APPROVERS, ...REVIEWERS];
      if (!allowed.includes(who)) return same(403);
      if (m.state !== "submitted" && m.state !== "unit_approved") return same(409);
      if (m.submittedBy === who) return same(403);
      if (m.state === "unit_approved" && m.unitApprovedBy === who) return same(403);
      return moved("returned");
    }
  }
}

/** The transitions the issue allows, as (action, from, to). */
const ALLOWED = new Set([
  "submit:draft:submitted",
  "submit:returned:submitted",
  "unit_approve:submitted:unit_approved",
  "approve:unit_approved:approved",
  "return:submitted:returned",
  "return:unit_approved:returned",
]);

describe.each(STORES)("workflow model on %s", (kind) => {
  const { t } = appForSuite(kind);
  const people = new Map<Person, Client>();
  beforeAll(async () => {
    await createTwoRoleAccount(t.deps.db, t.world, "both");
    await createTwoRoleAccount(t.deps.db, t.world, "dual");
    for (const p of PEOPLE) people.set(p, await t.as(p));
  });

  it("never edits outside draft/returned, never self-approves, never reviews its own unit approval; approved stays frozen", async () => {
    // Anyone doing anything, and (more often, so that the later states are reached) a step by someone who
    // holds the role for it.
    const anyStep = fc.record({
      who: fc.constantFrom<Person>(...PEOPLE),
      action: fc.constantFrom<Action>("edit", "submit", "unit-approve", "approve", "return"),
    });
    const roleStep = fc.oneof(
      fc.record({ who: fc.constantFrom(...WRITERS), action: fc.constantFrom<Action>("edit", "submit") }),
      fc.record({ who: fc.constantFrom(...UNIT_APPROVERS), action: fc.constantFrom<Action>("unit-approve", "return") }),
      fc.record({ who: fc.constantFrom(...REVIEWERS), action: fc.constantFrom<Action>("approve", "return") }),
    );
    const arbStep = fc.oneof({ arbitrary: anyStep, weight: 1 }, { arbitrary: roleStep, weight: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 16 }), async (steps) => {
        const filler = people.get("filler")!;
        const created = await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "模型" });
        expect(created.status).toBe(201);
        const id = created.body.id as string;
        let model: Model = { state: "draft", version: 1, submittedBy: undefined, unitApprovedBy: undefined };
        for (const { who, action } of steps) {
          const c = people.get(who)!;
          const r =
            action === "edit"
              ? await c.patch(`/projects/${id}`, { version: model.version, purpose: `v${model.version}` })
              : await c.post(`/projects/${id}/${action}`, { version: model.version, comment: "意见" });
          const expected = step(model, who, action);
          expect({ who, action, state: model.state, status: r.status }).toEqual({
            who,
            action,
            state: model.state,
            status: expected.status,
          });
          if (r.status === 409) expect(r.body.error.code).toBe("not_editable");
          model = expected.next;
          if (r.status === 200) expect(r.body).toMatchObject({ state: model.state, version: model.version });
        }
        const final = await filler.get(`/projects/${id}`);
        expect(final.body).toMatchObject({ state: model.state, version: model.version });
        // The history agrees: only allowed transitions; no step by the submitter but the submission; the
        // reviewer's step is never by the person who unit-approved.
        const history = (await filler.get(`/projects/${id}/transitions`)).body.items as {
          action: string;
          fromState: string;
          toState: string;
          actorId: string;
          actorName: string;
          entityVersion: number;
        }[];
        let submitter: string | undefined;
        let unitApprover: string | undefined;
        for (const h of history) {
          expect(ALLOWED.has(`${h.action}:${h.fromState}:${h.toState}`), JSON.stringify(h)).toBe(true);
          expect(PEOPLE).toContain(h.actorName);
          if (h.action === "submit") {
            submitter = h.actorId;
            unitApprover = undefined;
            continue;
          }
          expect(h.actorId).not.toBe(submitter);
          if (h.action === "unit_approve") unitApprover = h.actorId;
          else if (h.fromState === "unit_approved") expect(h.actorId).not.toBe(unitApprover);
        }
        // A snapshot of every submitted and every approved version, and of nothing else.
        const snapshots = (await filler.get(`/projects/${id}/snapshots`)).body.items as {
          version: number;
          state: string;
        }[];
        expect(snapshots.map((s) => `${s.version}:${s.state}`)).toEqual(
          history
            .filter((h) => h.toState === "submitted" || h.toState === "approved")
            .map((h) => `${h.entityVersion}:${h.toState}`),
        );
      }),
      { numRuns: 30, seed: 20260301 },
    );
  });
});
