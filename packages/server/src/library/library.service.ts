/**
 * The indicator library (指标库, issue 17): built by core from the approved goals under the bureau that governs an
 * organisation (library/repository.ts `governingBureau`), suggestions for a unit while it types, the library's
 * entries, and the bureau's marks (recommended / not allowed).
 *
 * Reading needs business.read on the organisation asked about: a unit sees the suggestions of the library its
 * bureau governs (names, 二级, units, typical values: aggregates across units), but "where used" lists only the
 * records of organisations the reader may read. Marking needs the reviewer role at the bureau itself (the top of
 * the reviewer's tree, as for scoring schemes); every mark and unmark is audited in its transaction.
 */
import { DomainError } from "@jixiao/core";
import { type LibraryEntry, normaliseIndicatorName, suggestIndicators } from "@jixiao/core/library";
import type { Actor } from "../accounts/actor.ts";
import { authorize, inScope, requireActor, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { forbidden } from "../http/errors.ts";
import { organisationFor } from "../orgs/access.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { bureauEntries } from "./cache.ts";
import { type LibraryEntryView, type LibraryMarkView, presentMark } from "./presenters.ts";
import { deleteMark, findMark, governingBureau, marksAbove, type StoredUsage, upsertMark } from "./repository.ts";
import type { LibraryMarkValue } from "./schema.ts";

interface Library {
  org: OrganisationRow;
  bureau: OrganisationRow;
  entries: LibraryEntry[];
  marks: LibraryMarkView[];
}

async function libraryFor(deps: Deps, actor: Actor | undefined, orgId: string): Promise<Library & { actor: Actor }> {
  const { actor: a, org } = await organisationFor(deps.db, actor, orgId, "business.read");
  const bureau = await governingBureau(deps.db, org);
  const [entries, marks] = await Promise.all([bureauEntries(deps.db, bureau), marksAbove(deps.db, org)]);
  return { actor: a, org, bureau, entries, marks: marks.map((m) => presentMark(m, m.orgName)) };
}

export async function suggestionsFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; q: string; limit: number },
) {
  const lib = await libraryFor(deps, actor, q.orgId);
  const marks = new Map(lib.marks.map((m) => [m.key, m.mark]));
  return {
    bureau: { id: lib.bureau.id, name: lib.bureau.name },
    items: suggestIndicators(lib.entries, q.q, { limit: q.limit, marks }),
  };
}

const USED_IN_MAX = 20;

export async function entriesFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; q?: string | undefined; limit: number },
): Promise<{ bureau: { id: string; name: string }; total: number; items: LibraryEntryView[] }> {
  const lib = await libraryFor(deps, actor, q.orgId);
  const scope = scopeOf(lib.actor, "business.read");
  const marks = new Map(lib.marks.map((m) => [m.key, m]));
  let entries = lib.entries;
  if (q.q?.trim()) {
    // the suggestion ranking, with the entries the bureau does not allow kept (this is the bureau's view too)
    const keys = suggestIndicators(entries, q.q, { limit: entries.length, includeNotAllowed: true }).map((s) => s.key);
    const byKey = new Map(entries.map((e) => [e.key, e]));
    entries = keys.map((k) => byKey.get(k)!);
  }
  return {
    bureau: { id: lib.bureau.id, name: lib.bureau.name },
    total: entries.length,
    items: entries.slice(0, q.limit).map((e) => {
      const visible = (e.usages as StoredUsage[]).filter((u) => inScope(scope, u.orgPath));
      return {
        key: e.key,
        name: e.name,
        names: e.names,
        uses: e.uses,
        level1: e.level1,
        level2: e.level2,
        forms: e.forms,
        units: e.units,
        typical: e.typical,
        typicalTarget: e.typicalTarget ?? null,
        years: e.years,
        mark: marks.get(e.key) ?? null,
        usedIn: visible.slice(0, USED_IN_MAX).map((u) => ({
          kind: u.source.kind,
          id: u.source.id,
          name: u.source.name,
          orgName: u.source.orgName ?? null,
          year: u.year,
          targetText: u.targetText ?? null,
        })),
        usedElsewhere: e.uses - visible.length,
      };
    }),
  };
}

export async function marksFor(deps: Deps, actor: Actor | undefined, orgId: string) {
  const lib = await libraryFor(deps, actor, orgId);
  return { bureau: { id: lib.bureau.id, name: lib.bureau.name }, items: lib.marks };
}

/** The reviewer memberships' organisations: the bureaus whose library the actor governs. */
function reviewerTops(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.role === "reviewer" && m.orgId).map((m) => m.orgId!);
}

export async function setMark(
  deps: Deps,
  actor: Actor | undefined,
  input: { orgId: string; name: string; mark: LibraryMarkValue | null; note?: string | null | undefined },
): Promise<{ key: string; mark: LibraryMarkView | null }> {
  const a = requireActor(actor);
  const { org } = await organisationFor(deps.db, a, input.orgId, "business.review");
  if (!reviewerTops(a).includes(org.id)) {
    throw forbidden({
      zh: "只有该单位树顶端的审核人（财政/主管部门）可标记其指标库条目",
      en: "Only the reviewer at the top of the tree (the finance bureau) may mark its library's entries",
    });
  }
  const key = normaliseIndicatorName(input.name);
  if (key === "") {
    throw new DomainError(
      "invalid_input",
      {
        zh: "指标名称去掉编号和标点后为空",
        en: "The indicator name is empty once numbering and punctuation are removed",
      },
      { field: "name" },
    );
  }
  authorize(a, "business.review", { orgPath: org.path });
  return transact(deps.db, async (tx) => {
    const before = await findMark(tx, org.id, key);
    const beforeView = before ? presentMark(before, org.name) : undefined;
    if (input.mark === null) {
      if (before) {
        await deleteMark(tx, before.id);
        await recordAudit(tx, {
          actor: a,
          orgId: org.id,
          action: "library.unmark",
          entityType: "library_mark",
          entityId: before.id,
          before: beforeView,
          at: deps.now(),
        });
      }
      return { key, mark: null };
    }
    const row = await upsertMark(tx, {
      orgId: org.id,
      key,
      name: input.name.trim(),
      mark: input.mark,
      note: input.note?.trim() || null,
      markedBy: a.accountId,
      now: deps.now(),
    });
    const after = presentMark(row, org.name);
    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "library.mark",
      entityType: "library_mark",
      entityId: row.id,
      ...(beforeView ? { before: beforeView } : {}),
      after,
      at: deps.now(),
    });
    return { key, mark: after };
  });
}
