/** Roll-ups of execution and scores, and the to-do count, over a visible organisation's subtree. */
import { decimal, gradeOf, STANDARD_GRADES } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, scopeOf } from "../accounts/authorize.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { executionBySubtree, scoresBySubtree, todoCount } from "./repository.ts";

async function visibleSubtree(deps: Deps, actor: Actor | undefined, orgId: string) {
  const org = await findOrganisation(deps.db, orgId);
  if (!org) {
    authorize(actor, "business.read");
    throw notFound({ zh: "组织机构", en: "organisation" });
  }
  return { actor: authorize(actor, "business.read", { orgPath: org.path }), org };
}

export async function executionRollup(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const { org } = await visibleSubtree(deps, actor, orgId);
  const rows = await executionBySubtree(deps.db, org.path, year);
  const yearEnd = new Date(`${year}-12-31T00:00:00.000Z`);
  const latest = rows.reduce<Date | null>((m, r) => (r.asOf && (!m || r.asOf > m) ? r.asOf : m), null);
  const asOf = latest && latest < yearEnd ? latest : deps.now() < yearEnd ? deps.now() : yearEnd;
  return {
    asOf: asOf.toISOString().slice(0, 10),
    items: rows.map((r) => ({ orgId: r.orgId, orgName: r.orgName, budget: r.budget, spent: r.spent })),
  };
}

export async function scoreRollup(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const { org } = await visibleSubtree(deps, actor, orgId);
  const rows = await scoresBySubtree(deps.db, org.path, year);
  const items = [];
  for (const r of rows) {
    const total = r.total === null ? undefined : decimal.parseDecimal(r.total);
    if (!total) continue;
    items.push({
      id: r.id,
      name: r.name,
      orgName: r.orgName,
      total: decimal.toDecimalString(total, 4),
      grade: gradeOf(total, STANDARD_GRADES) ?? "",
    });
  }
  return { items };
}

export async function todo(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const { actor: a, org } = await visibleSubtree(deps, actor, orgId);
  const paths = (p: "business.review" | "business.write") => {
    const s = scopeOf(a, p);
    return s.all ? ("all" as const) : s.paths;
  };
  const count = await todoCount(deps.db, {
    underPath: org.path,
    year,
    accountId: a.accountId,
    reviewPaths: paths("business.review"),
    writePaths: paths("business.write"),
  });
  return { count };
}
