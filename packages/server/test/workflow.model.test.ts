/**
 * Model test of the workflow: random sequences of actions by random people never reach a state the rules
 * forbid. Each step's status is predicted by a small model of the rules; the model and the server must agree.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createAccount, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

type Person = "filler" | "both" | "approver" | "reviewer" | "viewer";
type Action = "edit" | "submit" | "approve" | "return";
type State = "draft" | "submitted" | "approved" | "returned";
const WRITERS: Person[] = ["filler", "both"];
const REVIEWERS: Person[] = ["both", "approver", "reviewer"];

interface Model {
  state: State;
  version: number;
  submittedBy: Person | undefined;
}

/** The expected status of `action` by `who`, and the model after it. */
function step(m: Model, who: Person, action: Action): { status: number; next: Model } {
  if (action === "edit" || action === "submit") {
    if (!WRITERS.includes(who)) return { status: 403, next: m };
    if (m.state !== "draft" && m.state !== "returned") return { status: 409, next: m };
    return action === "edit"
      ? { status: 200, next: { ...m, version: m.version + 1 } }
      : { status: 200, next: { state: "submitted", version: m.version + 1, submittedBy: who } };
  }
  if (!REVIEWERS.includes(who)) return { status: 403, next: m };
  if (m.state !== "submitted") return { status: 409, next: m };
  if (m.submittedBy === who) return { status: 403, next: m };
  return { status: 200, next: { ...m, state: action === "approve" ? "approved" : "returned", version: m.version + 1 } };
}

describe.each(STORES)("workflow model on %s", (kind) => {
  let t: TestApp;
  const people = new Map<Person, Client>();
  beforeAll(async () => {
    t = await testApp(kind);
    await createAccount(t.deps.db, {
      username: "both",
      roles: [
        { role: "filler", orgId: t.world.unit.id },
        { role: "unit_approver", orgId: t.world.unit.id },
      ],
    });
    for (const p of ["filler", "both", "approver", "reviewer", "viewer"] as Person[]) people.set(p, await t.as(p));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("never edits outside draft/returned, never self-approves, and approved stays frozen", async () => {
    const arbStep = fc.record({
      who: fc.constantFrom<Person>("filler", "both", "approver", "reviewer", "viewer"),
      action: fc.constantFrom<Action>("edit", "submit", "approve", "return"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 14 }), async (steps) => {
        const filler = people.get("filler")!;
        const created = await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "模型" });
        expect(created.status).toBe(201);
        const id = created.body.id as string;
        let model: Model = { state: "draft", version: 1, submittedBy: undefined };
        for (const { who, action } of steps) {
          const c = people.get(who)!;
          const r =
            action === "edit"
              ? await c.patch(`/projects/${id}`, { version: model.version, purpose: `v${model.version}` })
              : await c.post(`/projects/${id}/${action}`, { version: model.version, comment: "意见" });
          const expected = step(model, who, action);
          expect({ who, action, status: r.status }).toEqual({ who, action, status: expected.status });
          model = expected.next;
          if (r.status === 200) expect(r.body).toMatchObject({ state: model.state, version: model.version });
        }
        const final = await filler.get(`/projects/${id}`);
        expect(final.body).toMatchObject({ state: model.state, version: model.version });
        // The history agrees: no approval or return by the person whose submission it was.
        const history = (await filler.get(`/projects/${id}/transitions`)).body.items as {
          action: string;
          actorId: string;
        }[];
        let submitter: string | undefined;
        for (const h of history) {
          if (h.action === "submit") submitter = h.actorId;
          else expect(h.actorId).not.toBe(submitter);
        }
      }),
      { numRuns: 25, seed: 20260301 },
    );
  });
});
