/**
 * The import wizard's own view of the server's import: the preview's `units[]` (each unit of the document and the
 * organisation it goes into, with the reason it cannot, when it cannot) and the commit with `unitOrgs`.
 */

import { api } from "../../api/client.ts";
import { type ImportPreview, importEndpoints } from "../../api/endpoints.ts";

export type Sections = Record<"income" | "spending" | "threePublic" | "procurement" | "assets", number>;

/** A unit of the document and its organisation, as the server's preview (or commit) says. */
export interface ImportUnit {
  unit: string;
  code?: string;
  aliases?: string[];
  /** department: the chosen organisation; mapped: named in unitOrgs; matched: an existing one; create: a new child. */
  action: "department" | "mapped" | "matched" | "create";
  orgId?: string;
  orgName?: string;
  orgCode?: string;
  /** Why the commit cannot do it as planned (a new child under an organisation at the deepest level). */
  problem?: { message: string; messageEn: string };
}

export type ImportView = Omit<ImportPreview, "units"> & { units?: ImportUnit[] };

export interface CommitResult {
  unchanged: boolean;
  message: string;
  messageEn: string;
  import: ImportView;
}

export const importApi = {
  upload: (file: File, orgId: string, year: number) => importEndpoints.upload(file, orgId, year) as Promise<ImportView>,
  get: (id: string) => importEndpoints.get(id) as Promise<ImportView>,
  /** Commits; `unitOrgs` (unit name or code → organisation id) overrides where units go (omitted when empty). */
  commit: (id: string, unitOrgs: Record<string, string>) =>
    api.post<CommitResult>(`/imports/${id}/commit`, Object.keys(unitOrgs).length ? { unitOrgs } : undefined),
};
