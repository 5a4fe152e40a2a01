import { ApiError } from "../../api/client.ts";
import { type Indicator, projectEndpoints } from "../../api/endpoints.ts";
import { type GridRow, isBlank, rowChanged } from "./gridModel.ts";

/** A stale write: the row as the user has it and the indicator as it is now on the server. */
export interface Conflict {
  row: GridRow;
  current: Indicator | undefined;
}

export interface SaveResult {
  saved: number;
  conflicts: Conflict[];
}

export type CreateIndicator = typeof projectEndpoints.createIndicator;

const fields = (r: GridRow, sortOrder: number) => ({
  name: r.name,
  targetText: r.targetText || null,
  weight: r.weight || null,
  sortOrder,
});

/**
 * Writes the grid to the server, one request per changed row, each with the version it was read at: level 1
 * and 2 indicators are found by name (created when new), a level-3 row moved to another level 2 is deleted and
 * added again (the server keeps parents fixed), removed rows are deleted. A 409 does not stop the others: it
 * comes back as a conflict with the current record, for the user to re-apply.
 * `ownerId` is the project's (or, with `create` = the goals' endpoint, a department goal's): only creation goes
 * through the owner; updates and deletes address the indicator itself.
 */
export async function saveIndicators(
  ownerId: string,
  server: Indicator[],
  original: Map<string, GridRow>,
  rows: GridRow[],
  create: CreateIndicator = projectEndpoints.createIndicator,
): Promise<SaveResult> {
  const result: SaveResult = { saved: 0, conflicts: [] };
  const parents = new Map<string, Indicator>();
  for (const i of server) if (i.level < 3) parents.set(key(i.level, i.name, i.parentId), i);
  let order = Math.max(0, ...server.map((i) => i.sortOrder)) + 1;

  async function parentOf(r: GridRow): Promise<string> {
    const k1 = key(1, r.level1, null);
    let l1 = parents.get(k1);
    if (!l1) {
      l1 = await create(ownerId, {
        level: 1,
        parentId: null,
        name: r.level1,
        sortOrder: order++,
      });
      parents.set(k1, l1);
    }
    const k2 = key(2, r.level2, l1.id);
    let l2 = parents.get(k2);
    if (!l2) {
      l2 = await create(ownerId, {
        level: 2,
        parentId: l1.id,
        name: r.level2,
        sortOrder: order++,
      });
      parents.set(k2, l2);
    }
    return l2.id;
  }

  const conflict = (row: GridRow, e: unknown): boolean => {
    if (e instanceof ApiError && e.status === 409) {
      result.conflicts.push({ row, current: e.current as Indicator | undefined });
      return true;
    }
    return false;
  };

  const kept = new Set(rows.map((r) => r.id).filter(Boolean));
  for (const [id, o] of original) {
    if (kept.has(id)) continue;
    try {
      await projectEndpoints.deleteIndicator(id, o.version!);
      result.saved++;
    } catch (e) {
      if (!conflict(o, e)) throw e;
    }
  }

  for (const [i, r] of rows.entries()) {
    if (isBlank(r)) continue;
    const o = r.id ? original.get(r.id) : undefined;
    if (o && !rowChanged(o, r)) continue;
    try {
      const parentId = await parentOf(r);
      if (o && r.id && o.parentId === parentId) {
        await projectEndpoints.updateIndicator(r.id, { ...fields(r, rowOrder(server, r.id, i)), version: r.version! });
      } else {
        if (o && r.id) await projectEndpoints.deleteIndicator(r.id, r.version!);
        await create(ownerId, { level: 3, parentId, ...fields(r, order++) });
      }
      result.saved++;
    } catch (e) {
      if (!conflict(r, e)) throw e;
    }
  }
  return result;
}

function key(level: number, name: string, parentId: string | null): string {
  return `${level}|${parentId ?? ""}|${name}`;
}

function rowOrder(server: Indicator[], id: string, fallback: number): number {
  return server.find((i) => i.id === id)?.sortOrder ?? fallback;
}
