/**
 * Scoring schemes a finance bureau defines for its subtree and year (issue 12): a reviewer at the top of their
 * tree (the organisation of their reviewer membership) writes a scheme — the scheme object the score input takes
 * (docs/score-input.md: a built-in one `extends`-ed, or a whole `ScoringScheme`, docs/scoring.md) — validated by
 * core (the score input's check and, for a whole scheme, `checkSchemeJson`); each change is a new version, audited.
 * The evaluations of the subtree and year are scored with the nearest scheme above them (scores.ts `schemeFor`)
 * the next time they are saved or submitted; stored results keep the scheme and version they used.
 */
import { BUILTIN_SCHEMES, checkSchemeJson, DomainError, type EvaluationJson, parseEvaluationInput } from "@jixiao/core";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize, requireActor, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { isReferenceViolation } from "../db/errors.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { forbidden, notFound, ServerError } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { scoringSchemes } from "./schema.ts";

export interface SchemeView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  schemeId: string;
  version: number;
  definition: unknown;
  createdAt: string;
}

/** Problems of a scheme object, by core: the scheme checked as part of a minimal score input (paths `scheme.…`). */
export function schemeDefinitionProblems(definition: unknown): { path: string; message: string; messageEn: string }[] {
  const probe = {
    scheme: definition,
    budget: { budget: "1", executed: "1" },
    indicators: [{ level1: "产出指标", name: "probe", target: "1", actual: "1", points: 1 }],
  };
  const out: { path: string; message: string; messageEn: string }[] = [];
  const r = parseEvaluationInput(probe);
  if (!r.ok) {
    for (const p of r.problems)
      if (p.path === "scheme" || p.path.startsWith("scheme."))
        out.push({ path: `definition${p.path.slice("scheme".length)}`, message: p.zh, messageEn: p.en });
  }
  // A whole scheme (nothing inherited through `extends`): core's scheme JSON check as well (docs/scoring.md).
  const whole = definition && typeof definition === "object" && !("extends" in definition);
  if (whole) {
    const c = checkSchemeJson(definition);
    if (!c.ok) {
      for (const p of c.problems) {
        const path = p.path ? `definition.${p.path}`.replace(/\.\[/g, "[") : "definition";
        if (!out.some((o) => o.path === path)) out.push({ path, message: p.zh, messageEn: p.en });
      }
    }
  }
  return out;
}

/** The reviewer memberships' organisations: the tops of the trees a finance bureau may define schemes for. */
function reviewerTops(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.role === "reviewer" && m.orgId).map((m) => m.orgId!);
}

export async function defineScheme(
  deps: Deps,
  actor: Actor | undefined,
  input: { orgId: string; year: number; definition: Record<string, unknown> },
): Promise<SchemeView> {
  const a = requireActor(actor);
  const org = await findOrganisation(deps.db, input.orgId);
  if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
  authorize(a, "business.review", { orgPath: org.path });
  if (!reviewerTops(a).includes(org.id)) {
    throw forbidden({
      zh: "只有该单位树顶端的审核人（财政/主管部门）可为其下属单位定义评分方案",
      en: "Only the reviewer at the top of the tree (the finance bureau) may define a scheme for its subtree",
    });
  }
  const schemeId = typeof input.definition.id === "string" ? input.definition.id.trim() : "";
  const problems = schemeDefinitionProblems(input.definition);
  if (schemeId === "") {
    problems.unshift({ path: "definition.id", message: "请填写方案标识（id）", messageEn: "the scheme needs an id" });
  } else if (BUILTIN_SCHEMES[schemeId]) {
    problems.unshift({
      path: "definition.id",
      message: `方案标识「${schemeId}」为内置方案所用，请另取一个`,
      messageEn: `"${schemeId}" is a built-in scheme's id: choose another`,
    });
  }
  if (problems.length > 0) {
    throw new ServerError(
      "scheme_invalid",
      {
        zh: `评分方案无效：${problems.map((p) => `${p.path}：${p.message}`).join("；")}`,
        en: `Invalid scoring scheme: ${problems.map((p) => `${p.path}: ${p.messageEn}`).join("; ")}`,
      },
      { details: { fields: problems } },
    );
  }
  try {
    return await transact(deps.db, async (tx) => {
      const [last] = await tx
        .select({ version: scoringSchemes.version })
        .from(scoringSchemes)
        .where(and(eq(scoringSchemes.orgId, org.id), eq(scoringSchemes.year, input.year)))
        .orderBy(desc(scoringSchemes.version))
        .limit(1);
      const [row] = await tx
        .insert(scoringSchemes)
        .values({
          orgId: org.id,
          year: input.year,
          schemeId,
          version: (last?.version ?? 0) + 1,
          definition: input.definition,
          createdBy: a.accountId,
          createdAt: deps.now(),
        })
        .returning();
      const view = present(row!, org.name);
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "scoring_scheme.define",
        entityType: "scoring_scheme",
        entityId: row!.id,
        after: view,
        at: deps.now(),
      });
      return view;
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

/** The schemes in force for an organisation and year: those defined at it and above it, newest version first. */
export async function schemesFor(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const a = requireActor(actor);
  const org = await findOrganisation(deps.db, orgId);
  if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
  const scope = scopeOf(a, "business.read");
  // Within the actor's scope (the schemes above it are what scores it, so they are shown with it).
  if (!scope.all && !scope.paths.some((p) => org.path.startsWith(p))) {
    throw notFound({ zh: "组织机构", en: "organisation" });
  }
  const rows = await deps.db
    .select({ s: scoringSchemes, orgName: organisations.name, path: organisations.path })
    .from(scoringSchemes)
    .innerJoin(organisations, eq(organisations.id, scoringSchemes.orgId))
    .where(and(eq(scoringSchemes.year, year), sql`starts_with(${org.path}, ${organisations.path})`))
    .orderBy(desc(sql`length(${organisations.path})`), desc(scoringSchemes.version));
  const items = rows.map((r) => present(r.s, r.orgName));
  return {
    /** The one that scores the organisation's evaluations (null: the built-in scheme of each record). */
    inForce: items[0] ?? null,
    items,
    builtin: Object.values(BUILTIN_SCHEMES).map((s) => ({ id: s.id, name: s.name })),
  };
}

function present(r: typeof scoringSchemes.$inferSelect, orgName: string): SchemeView {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName,
    year: r.year,
    schemeId: r.schemeId,
    version: r.version,
    definition: r.definition as EvaluationJson["scheme"],
    createdAt: r.createdAt.toISOString(),
  };
}
