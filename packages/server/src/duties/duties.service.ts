/**
 * Duty-activity goal tables (部门职责-工作活动绩效目标): a duty with its activities and their indicators with
 * four-tier standards, saved as written; core parses the tiers and reports overlaps, inversions and `**`.
 */
import { DomainError, parseTarget, parseTiers, tierOf } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { isReferenceViolation } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { writableOrganisation } from "../orgs/access.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { assertOpenYear } from "../years/guard.ts";
import { type Duty, presentDuty } from "./presenters.ts";
import {
  activitiesOf,
  type DutyPatch,
  type DutyWithOrg,
  deleteDuty,
  findDuty,
  insertDuty,
  listDuties,
  replaceActivities,
  updateDuty,
} from "./repository.ts";

const DUTY = { zh: "部门职责", en: "duty" };

async function dutyFor(db: Db, actor: Actor | undefined, id: string, permission: "business.read" | "business.write") {
  const row = await findDuty(db, id);
  if (!row) {
    authorize(actor, "business.read");
    throw notFound(DUTY);
  }
  authorize(actor, permission, { orgPath: row.orgPath });
  return row;
}

async function present(db: Db, rows: DutyWithOrg[]): Promise<Duty[]> {
  const { activities, indicators } = await activitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentDuty(r, activities, indicators));
}

export async function listDutiesFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId?: string | undefined; year?: number | undefined },
) {
  const a = authorize(actor, "business.read");
  const scope = scopeOf(a, "business.read");
  let underPath: string | undefined;
  if (q.orgId) {
    const org = await findOrganisation(deps.db, q.orgId);
    if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
    authorize(a, "business.read", { orgPath: org.path });
    underPath = org.path;
  }
  const rows = await listDuties(deps.db, {
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(q.year === undefined ? {} : { year: q.year }),
  });
  return { items: await present(deps.db, rows) };
}

export async function getDuty(deps: Deps, actor: Actor | undefined, id: string): Promise<Duty> {
  const [d] = await present(deps.db, [await dutyFor(deps.db, actor, id, "business.read")]);
  return d!;
}

export async function createDuty(
  deps: Deps,
  actor: Actor | undefined,
  input: DutyPatch & { orgId: string; year: number; name: string },
) {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertDuty(tx, { ...input, createdAt: deps.now(), updatedAt: deps.now() });
      const [after] = await present(tx, [{ ...row, orgPath: org.path, orgName: org.name }]);
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "duty.create",
        entityType: "duty",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return after!;
    });
  } catch (e) {
    if (isReferenceViolation(e)) {
      throw new DomainError(
        "invalid_input",
        { zh: `预算年度 ${input.year} 不存在`, en: `Fiscal year ${input.year} does not exist` },
        { field: "year" },
      );
    }
    throw e;
  }
}

async function explainMiss(db: Db, id: string): Promise<never> {
  const now = await findDuty(db, id);
  if (!now) throw notFound(DUTY);
  const [current] = await present(db, [now]);
  throw staleVersion(current);
}

export async function updateDutyFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: DutyPatch & { version: number },
) {
  const current = await dutyFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  const { version, ...patch } = input;
  return transact(deps.db, async (tx) => {
    const row = await updateDuty(tx, id, version, patch, deps.now());
    if (!row) return explainMiss(tx, id);
    const [before] = await present(tx, [current]);
    const [after] = await present(tx, [{ ...current, ...row }]);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "duty.update",
      entityType: "duty",
      entityId: id,
      before,
      after,
      at: deps.now(),
    });
    return after!;
  });
}

export interface ActivityInput {
  name: string;
  budget?: string | null | undefined;
  content?: string | null | undefined;
  goal?: string | null | undefined;
  indicators: {
    name: string;
    targetText?: string | null | undefined;
    /** 实际完成值 (after the year): the tier it reaches is computed and stored with it. */
    actualText?: string | null | undefined;
    standards?:
      | {
          优?: string | null | undefined;
          良?: string | null | undefined;
          中?: string | null | undefined;
          差?: string | null | undefined;
        }
      | undefined;
  }[];
}

export async function replaceActivitiesFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number; activities: ActivityInput[] },
) {
  const current = await dutyFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  const [before] = await present(deps.db, [current]);
  return transact(deps.db, async (tx) => {
    const row = await updateDuty(tx, id, input.version, {}, deps.now());
    if (!row) return explainMiss(tx, id);
    await replaceActivities(
      tx,
      id,
      input.activities.map((act) => ({
        name: act.name,
        budget: act.budget,
        content: act.content,
        goal: act.goal,
        indicators: act.indicators.map((ind) => {
          const s = ind.standards ?? {};
          const cells = { 优: s.优 ?? "", 良: s.良 ?? "", 中: s.中 ?? "", 差: s.差 ?? "" };
          const anyStandard = Object.values(cells).some((v) => v.trim() !== "");
          const tiers = anyStandard ? parseTiers(cells) : null;
          // 实际完成值 and the tier it reaches by the standards (core's tierOf), stored with it.
          const actual = ind.actualText?.trim() ? ind.actualText.trim() : null;
          const reached = tiers && actual ? (tierOf(tiers, actual).tier ?? null) : null;
          return {
            name: ind.name,
            targetText: ind.targetText ?? null,
            targetParsed: ind.targetText ? parseTarget(ind.targetText, { year: current.year }) : null,
            standardExcellent: s.优 ?? null,
            standardGood: s.良 ?? null,
            standardFair: s.中 ?? null,
            standardPoor: s.差 ?? null,
            standardsParsed: tiers,
            actualText: actual,
            tierReached: reached,
          };
        }),
      })),
    );
    const [after] = await present(tx, [{ ...current, ...row }]);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "duty.activities",
      entityType: "duty",
      entityId: id,
      before,
      after,
      at: deps.now(),
    });
    return after!;
  });
}

export async function deleteDutyFor(deps: Deps, actor: Actor | undefined, id: string, version: number) {
  const current = await dutyFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  const [before] = await present(deps.db, [current]);
  await transact(deps.db, async (tx) => {
    if (!(await deleteDuty(tx, id, version))) return explainMiss(tx, id);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "duty.delete",
      entityType: "duty",
      entityId: id,
      before,
      at: deps.now(),
    });
  });
}

/**
 * Puts the duties of one organisation and year in the order given (sortOrder 0, 1, 2…), each checked against the
 * version the user read. The list must name every duty of the organisation and year exactly once; a stale or
 * missing one fails the whole change with 409 and the list as it is now.
 */
export async function reorderDutiesFor(
  deps: Deps,
  actor: Actor | undefined,
  input: { orgId: string; year: number; items: { id: string; version: number }[] },
) {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  const ids = input.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) {
    throw new DomainError(
      "invalid_input",
      { zh: "顺序中有重复的部门职责", en: "A duty is listed twice in the order" },
      { field: "items" },
    );
  }
  return transact(deps.db, async (tx) => {
    const own = (await listDuties(tx, { underPath: org.path, year: input.year })).filter((d) => d.orgId === org.id);
    const current = async () => ({ items: await present(tx, own) });
    const known = new Set(own.map((d) => d.id));
    if (own.length !== ids.length || ids.some((id) => !known.has(id))) throw staleVersion(await current());
    const before = new Map(own.map((d) => [d.id, d]));
    const rows: DutyWithOrg[] = [];
    for (const [i, item] of input.items.entries()) {
      const was = before.get(item.id)!;
      const row = await updateDuty(tx, item.id, item.version, { sortOrder: i }, deps.now());
      if (!row) throw staleVersion(await current());
      rows.push({ ...was, ...row });
      if (was.sortOrder !== i) {
        await recordAudit(tx, {
          actor: a,
          orgId: org.id,
          action: "duty.reorder",
          entityType: "duty",
          entityId: item.id,
          before: { sortOrder: was.sortOrder, version: was.version },
          after: { sortOrder: i, version: row.version },
          at: deps.now(),
        });
      }
    }
    return { items: await present(tx, rows) };
  });
}
