/**
 * The units a document names (seed 001: 赵县公安局 312 and its 交警大队 312007) and the organisations they go
 * into. The chosen organisation is the department (the unit the disclosure is of, else the first unit); every
 * other unit is a child organisation under it: the one the client names (`unitOrgs`, checked to be in the
 * actor's scope and inside the chosen organisation's subtree), else an existing one in that subtree matched by
 * code, then by name or alias, else a new child created in the commit's transaction (audited).
 *
 * Which unit a table belongs to: a goal table's 单位 (code, then name), an asset table's 编制单位, a procurement
 * table's unit (its 小计 line or title); tables that name no unit, or a name that fits several, are the
 * department's.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { and, asc, eq, like, ne } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { notFound } from "../http/errors.ts";
import { findOrganisation, likePrefix, lockTree, MAX_DEPTH } from "../orgs/repository.ts";
import { ORG_NATURES, type OrganisationRow, organisations } from "../orgs/schema.ts";

export interface DocUnit {
  name: string;
  code?: string;
  aliases: string[];
  nature?: string;
  rank?: string;
  fundingForm?: string;
}

/**
 * A document unit and its organisation. `action`: `department` (the chosen organisation), `mapped` (named by
 * the client), `matched` (an existing organisation by code or name), `create` (a new child; `orgId` set once
 * the commit created it).
 */
export interface UnitMapping {
  unit: string;
  code?: string;
  aliases?: string[];
  action: "department" | "mapped" | "matched" | "create";
  orgId?: string;
  orgName?: string;
  orgCode?: string;
  /** Why the commit cannot do it as planned (a unit to create under an organisation at the deepest level). */
  problem?: { message: string; messageEn: string };
}

/** The units of a document: its organisations, with nature / rank / funding from the disclosure's units table. */
export function documentUnits(doc: ImportedDocument): DocUnit[] {
  const units: DocUnit[] = doc.organisations.map((o) => ({
    name: o.name,
    ...(o.code ? { code: o.code } : {}),
    aliases: o.aliases ?? [],
  }));
  for (const u of doc.disclosure?.units ?? []) {
    let d = units.find((x) => x.name === u.name || x.aliases.includes(u.name));
    if (!d) {
      d = { name: u.name, aliases: [] };
      units.push(d);
    }
    if (u.nature) d.nature = u.nature;
    if (u.rank) d.rank = u.rank;
    if (u.fundingForm) d.fundingForm = u.fundingForm;
  }
  // The department first: the unit the disclosure is of.
  const of = doc.disclosure?.organisation;
  const at = of ? units.findIndex((u) => u.name === of || u.aliases.includes(of)) : -1;
  if (at > 0) units.unshift(...units.splice(at, 1));
  return units;
}

/** The unit a table's own words name: code, then exact name or alias, then a name that contains (or is in) it. */
export function unitNamed(units: DocUnit[], named: { code?: string; name?: string } | undefined): DocUnit | undefined {
  if (!named) return undefined;
  if (named.code) {
    const byCode = units.find((u) => u.code === named.code);
    if (byCode) return byCode;
  }
  const name = named.name?.trim();
  if (!name) return undefined;
  const exact = units.find((u) => u.name === name || u.aliases.includes(name));
  if (exact) return exact;
  if (name.length < 2) return undefined;
  const near = units.filter((u) => [u.name, ...u.aliases].some((n) => n.includes(name) || name.includes(n)));
  return near.length === 1 ? near[0] : undefined;
}

/** The organisation chosen for a unit does not exist or is not visible to the actor (404 either way). */
function unitOrgNotFound(unit: string, at: { field: string }) {
  return new DomainError(
    "not_found",
    {
      zh: `单位「${unit}」对应的机构不存在或无权查看`,
      en: `The organisation chosen for unit "${unit}" does not exist or is not visible to you`,
    },
    at,
  );
}

/**
 * Where each unit goes, without writing anything. `overrides` (unit name or code → organisation id) come from the
 * client and are checked: the organisation exists, the actor may write there, and it lies in `chosen`'s subtree.
 */
export async function mapUnits(
  db: Db,
  chosen: OrganisationRow,
  units: DocUnit[],
  overrides: Record<string, string> = {},
  actor?: Actor,
): Promise<UnitMapping[]> {
  const known = new Set(units.flatMap((u) => [u.name, ...(u.code ? [u.code] : [])]));
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) {
      throw new DomainError(
        "invalid_input",
        {
          zh: `unitOrgs 中的「${key}」不是文件中的单位（文件中的单位：${units.map((u) => u.name).join("、") || "无"}）`,
          en: `unitOrgs names "${key}", which is not a unit of the file (its units: ${units.map((u) => u.name).join(", ") || "none"})`,
        },
        { field: `unitOrgs.${key}` },
      );
    }
  }
  const out: UnitMapping[] = [];
  for (const [i, u] of units.entries()) {
    const base = {
      unit: u.name,
      ...(u.code ? { code: u.code } : {}),
      ...(u.aliases.length ? { aliases: u.aliases } : {}),
    };
    const override = overrides[u.name] ?? (u.code ? overrides[u.code] : undefined);
    if (override) {
      const at = { field: `unitOrgs.${u.name}` };
      const org = await findOrganisation(db, override);
      if (!org) throw unitOrgNotFound(u.name, at);
      // authorize()'s refusal (404 when invisible, 403 when only readable), said of the unit whose choice it is.
      if (actor) {
        try {
          authorize(actor, "business.write", { orgPath: org.path });
        } catch (e) {
          if (!(e instanceof DomainError) || (e.code !== "not_found" && e.code !== "forbidden")) throw e;
          if (e.code === "not_found") throw unitOrgNotFound(u.name, at);
          throw new DomainError(
            "forbidden",
            {
              zh: `您无权写入单位「${u.name}」对应的机构「${org.name}」`,
              en: `You may not write into "${org.name}", the organisation chosen for unit "${u.name}"`,
            },
            at,
          );
        }
      }
      if (!org.path.startsWith(chosen.path)) {
        throw new DomainError(
          "invalid_input",
          {
            zh: `单位「${u.name}」只能对应「${chosen.name}」或其下级机构，「${org.name}」不在其中`,
            en: `Unit "${u.name}" can only go into "${chosen.name}" or an organisation under it; "${org.name}" is not`,
          },
          at,
        );
      }
      out.push({ ...base, action: "mapped", orgId: org.id, orgName: org.name, orgCode: org.code });
      continue;
    }
    if (i === 0) {
      out.push({ ...base, action: "department", orgId: chosen.id, orgName: chosen.name, orgCode: chosen.code });
      continue;
    }
    const match = await matchInSubtree(db, chosen, u);
    if (match) out.push({ ...base, action: "matched", orgId: match.id, orgName: match.name, orgCode: match.code });
    else {
      const m: UnitMapping = { ...base, action: "create", orgName: u.name, orgCode: u.code ?? u.name.slice(0, 50) };
      if (chosen.depth + 1 > MAX_DEPTH) m.problem = tooDeep(chosen, [u.name]);
      out.push(m);
    }
  }
  return out;
}

/** An organisation under `chosen` (not itself) with the unit's code, else with its name or an alias; nearest first. */
async function matchInSubtree(db: Db, chosen: OrganisationRow, u: DocUnit): Promise<OrganisationRow | undefined> {
  const under = and(like(organisations.path, likePrefix(chosen.path)), ne(organisations.id, chosen.id));
  const first = async (cond: ReturnType<typeof eq>) =>
    (
      await db
        .select()
        .from(organisations)
        .where(and(under, cond))
        .orderBy(asc(organisations.depth), asc(organisations.code))
        .limit(1)
    )[0];
  if (u.code) {
    const byCode = await first(eq(organisations.code, u.code));
    if (byCode) return byCode;
  }
  for (const name of [u.name, ...u.aliases]) {
    const byName = await first(eq(organisations.name, name));
    if (byName) return byName;
  }
  return undefined;
}

function tooDeep(parent: OrganisationRow, units: string[]) {
  return {
    message: `「${parent.name}」已是最末一级机构，不能在其下新建单位${units.map((u) => `「${u}」`).join("")}；请将这些单位对应到已有机构`,
    messageEn: `"${parent.name}" is at the deepest level: no unit can be created under it for ${units.map((u) => `"${u}"`).join(", ")}; map them to existing organisations`,
  };
}

/**
 * Create the `create` units as children of `chosen` (path `<parent path><id>/`, depth + 1, as orgs/ does),
 * audited as `org.create`, inside the caller's transaction, under the tree's shared lock (orgs' `lockTree`) so
 * that a concurrent move cannot rewrite the parent's path; the tree keeps at most MAX_DEPTH levels.
 */
export async function createUnitOrgs(
  db: Db,
  chosen: OrganisationRow,
  mapping: UnitMapping[],
  units: DocUnit[],
  meta: { actor: Actor; now: Date; importId: string },
): Promise<void> {
  const todo = mapping.filter((m) => m.action === "create");
  if (todo.length === 0) return;
  await lockTree(db, "insert");
  const parent = await findOrganisation(db, chosen.id);
  if (!parent) throw notFound({ zh: "组织机构", en: "organisation" });
  if (parent.depth + 1 > MAX_DEPTH) {
    const p = tooDeep(
      parent,
      todo.map((m) => m.unit),
    );
    throw new DomainError("invalid_input", { zh: p.message, en: p.messageEn }, { field: "unitOrgs" });
  }
  for (const m of todo) {
    const u = units.find((x) => x.name === m.unit)!;
    const id = randomUUID();
    const nature = (ORG_NATURES as readonly string[]).includes(u.nature ?? "") ? u.nature! : null;
    const [row] = await db
      .insert(organisations)
      .values({
        id,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        code: m.orgCode!,
        name: u.name,
        nature,
        rank: u.rank ?? null,
        fundingForm: u.fundingForm ?? null,
        createdAt: meta.now,
        updatedAt: meta.now,
      })
      .returning();
    m.orgId = row!.id;
    await recordAudit(db, {
      actor: meta.actor,
      orgId: row!.id,
      action: "org.create",
      entityType: "organisation",
      entityId: row!.id,
      after: {
        id: row!.id,
        parentId: row!.parentId,
        code: row!.code,
        name: row!.name,
        nature: row!.nature,
        rank: row!.rank,
        fundingForm: row!.fundingForm,
      },
      details: { importId: meta.importId, unit: m.unit },
      at: meta.now,
    });
  }
}
