/**
 * A bureau's library kept in memory while its fingerprint (the approved records, the counted duties, the committed
 * imports and the organisations under it) is the same: a unit types many names, and building a province's library (10⁵ indicators) takes about a second. The
 * usages are kept with their normalised key, so a review builds the entries of the names it needs only.
 * Bounded; process-local (another process keeps its own).
 */
import { buildLibrary, type LibraryEntry, normaliseIndicatorName } from "@jixiao/core/library";
import type { Db } from "../db/open.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { documentsFingerprint, documentUsagesUnder } from "./documents.ts";
import { dutyUsagesUnder } from "./duties.ts";
import { libraryFingerprint, type StoredUsage, usagesUnder } from "./repository.ts";

export type KeyedUsage = StoredUsage & { key: string };

interface Kept {
  fingerprint: string;
  usages: KeyedUsage[];
  entries?: LibraryEntry[];
}

const KEPT = new Map<string, Kept>();
const KEPT_MAX = 16;

async function kept(db: Db, bureau: OrganisationRow): Promise<Kept> {
  const fingerprint = (
    await Promise.all([libraryFingerprint(db, bureau.path), documentsFingerprint(db, bureau.path)])
  ).join("|");
  const k = KEPT.get(bureau.id);
  if (k && k.fingerprint === fingerprint) return k;
  const stored = await usagesUnder(db, bureau.path);
  const documents = await documentUsagesUnder(db, bureau.path, stored);
  const fromDuties = await dutyUsagesUnder(db, bureau.path);
  const usages = [...stored, ...fromDuties, ...documents].map((u) => ({ ...u, key: normaliseIndicatorName(u.name) }));
  const fresh: Kept = { fingerprint, usages };
  KEPT.delete(bureau.id);
  if (KEPT.size >= KEPT_MAX) KEPT.delete(KEPT.keys().next().value!);
  KEPT.set(bureau.id, fresh);
  return fresh;
}

/** The whole library of the bureau (built once per fingerprint). */
export async function bureauEntries(db: Db, bureau: OrganisationRow): Promise<LibraryEntry[]> {
  const k = await kept(db, bureau);
  k.entries ??= buildLibrary(k.usages);
  return k.entries;
}

/** The usages of the bureau's library whose normalised name is one of `keys`. */
export async function bureauUsagesOf(
  db: Db,
  bureau: OrganisationRow,
  keys: ReadonlySet<string>,
): Promise<KeyedUsage[]> {
  return (await kept(db, bureau)).usages.filter((u) => keys.has(u.key));
}
