import { Link } from "react-router-dom";
import type { RectSource } from "./api.ts";

/** The record types an item may come from (the server's `sourceEntityType`). */
export type SourceRecordType = "project" | "department_goal" | "self_evaluation" | "monitoring_record";

/** The query of the 整改 page that opens its new-item dialog for a record (read by RectificationPage). */
export function rectifyPath(v: {
  sourceKind: RectSource;
  entityType: SourceRecordType;
  entityId: string;
  orgId: string;
  problem?: string;
}): string {
  const q = new URLSearchParams({ kind: v.sourceKind, from: v.entityType, id: v.entityId, org: v.orgId });
  if (v.problem) q.set("problem", v.problem.slice(0, 1000));
  return `/rectification?${q}`;
}

/** 「发起整改」 on a record's page (for the reviewer): the 整改 page with the new item prefilled from the record. */
export function RectifyLink(props: Parameters<typeof rectifyPath>[0] & { zh: boolean }) {
  const { zh, ...v } = props;
  return (
    <Link to={rectifyPath(v)} data-testid="rectify-link">
      {zh ? "发起整改" : "Rectify"}
    </Link>
  );
}
