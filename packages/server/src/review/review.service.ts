/**
 * The automatic review of a stored document — a project, a department goal, a self-evaluation, or an import's
 * preview — by core's `reviewDocument`, and the reviewer's decision on its verdict (accept, or overrule with a
 * comment: core's `overruleVerdict`), stored and audited in one transaction.
 */
import {
  DomainError,
  type Finding,
  overruleVerdict,
  type ReviewConfigInput,
  type ReviewResult,
  reviewDocument,
  type Verdict,
} from "@jixiao/core";
import type { ImportResult } from "@jixiao/core/model";
import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { findDuty } from "../duties/repository.ts";
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { imports } from "../imports/schema.ts";
import { libraryRulesFor } from "../library/history.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { projectFor } from "../projects/projects.service.ts";
import {
  dutyTableDocument,
  evaluationDocument,
  goalDocument,
  noRecords,
  projectDocument,
  type RecordDocument,
  type RecordRef,
} from "./documents.ts";
import { type ReviewDecisionRow, reviewDecisions } from "./schema.ts";

export const REVIEW_TYPES = ["project", "goal", "evaluation", "import", "duty"] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];
/**
 * What a reviewer's decision may be stored on (the review_decisions table's check): a duty table is reviewed
 * (its findings shown beside its rows) but takes no decision of its own.
 */
export const DECISION_TYPES = ["project", "goal", "evaluation", "import"] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

interface Reviewed {
  orgId: string;
  orgPath: string;
  version: number;
  source: RecordDocument;
}

async function load(
  db: Db,
  actor: Actor | undefined,
  type: ReviewType,
  id: string,
  permission: Permission,
): Promise<Reviewed> {
  switch (type) {
    case "project": {
      const p = await projectFor(db, actor, id, permission);
      return { orgId: p.orgId, orgPath: p.orgPath, version: p.version, source: await projectDocument(db, p) };
    }
    case "goal": {
      const g = await goalFor(db, actor, id, permission);
      return { orgId: g.orgId, orgPath: g.orgPath, version: g.version, source: await goalDocument(db, g) };
    }
    case "evaluation": {
      const e = await evaluationFor(db, actor, id, permission);
      return { orgId: e.orgId, orgPath: e.orgPath, version: e.version, source: await evaluationDocument(db, e) };
    }
    case "duty": {
      // The duty → activity goal table of the duty's organisation and year.
      const d = await findDuty(db, id);
      if (!d) {
        authorize(actor, "business.read");
        throw notFound({ zh: "职责", en: "duty" });
      }
      authorize(actor, permission, { orgPath: d.orgPath });
      return { orgId: d.orgId, orgPath: d.orgPath, version: d.version, source: await dutyTableDocument(db, d) };
    }
    case "import": {
      const [row] = await db.select().from(imports).where(eq(imports.id, id)).limit(1);
      const org = row ? await findOrganisation(db, row.orgId) : undefined;
      if (!row || !org) {
        authorize(actor, "business.read");
        throw notFound({ zh: "导入", en: "import" });
      }
      authorize(actor, permission, { orgPath: org.path });
      const result = row.result as ImportResult | null;
      if (!result) {
        throw new DomainError("conflict", {
          zh: "文件尚未读取完成或未能读取，无法审核",
          en: "The file has not been read (yet): nothing to review",
        });
      }
      // An import's findings keep the importer's locations (file, table/sheet, row, column).
      return { orgId: row.orgId, orgPath: org.path, version: 0, source: noRecords(result.document) };
    }
  }
}

/** A finding on the wire: core's finding, its location and details as plain records, and the row it points to. */
export type ReviewedFinding = Omit<Finding, "location" | "details" | "fix"> & {
  location: Record<string, string | number>;
  details?: Record<string, string | number | boolean>;
  record?: RecordRef;
  fix?: Omit<NonNullable<Finding["fix"]>, "changes"> & {
    changes: (NonNullable<Finding["fix"]>["changes"][number] & { record?: RecordRef })[];
  };
};

export interface ReviewView {
  target: { type: ReviewType; id: string; version: number };
  findings: ReviewedFinding[];
  counts: ReviewResult["counts"];
  /** Null when the document could not be judged (an import whose coverage is too low): 未能判断. */
  verdict: Verdict | null;
  verdictPoints: number | null;
  reasons: ReviewResult["reasons"];
  decision: {
    verdict: Verdict | null;
    reviewerVerdict: Verdict | null;
    comment: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    /** The decision was taken on this version of the record (false: the record changed since). */
    current: boolean;
  } | null;
}

/**
 * The stored row a finding concerns: by its path into the document (the longest known prefix: an indicator's
 * `…indicators[3].target` is the indicator's row, `…funds[0].score` the record's funds), else by its row number,
 * else the record itself when the finding is about the document as a whole. Undefined for an import's preview.
 */
export function recordOf(f: Finding, source: RecordDocument): RecordRef | undefined {
  if (f.location.file !== source.document.file) return undefined;
  const path = f.location.path;
  if (path) {
    for (let end = path.length; end > 0; end--) {
      const c = path[end];
      if (end < path.length && c !== "." && c !== "[") continue;
      const hit = source.pathRecords.get(path.slice(0, end));
      if (hit) return hit;
    }
  }
  const row = f.location.row;
  return (row !== undefined ? source.rowRecords.get(row) : undefined) ?? source.self;
}

function withRecords(findings: Finding[], source: RecordDocument): ReviewedFinding[] {
  return findings.map((f) => {
    const rec = recordOf(f, source);
    const { location, details, ...rest } = f;
    const out: ReviewedFinding = { ...rest, location: { ...location } as Record<string, string | number> };
    if (details) out.details = { ...details } as Record<string, string | number | boolean>;
    // a one-click fix names the stored row of each change, so the page can apply it to its rows
    if (f.fix)
      out.fix = {
        ...f.fix,
        changes: f.fix.changes.map((c) => {
          const rec = recordOf({ ...f, location: c.location }, source);
          return { ...c, ...(rec && rec.type !== source.self?.type ? { record: rec } : {}) };
        }),
      };
    if (rec) out.record = rec;
    return out;
  });
}

/** The review's configuration: the defaults, with the date the record's monitoring figures are as of. */
function configFor(source: RecordDocument): ReviewConfigInput {
  return source.referenceDate ? { referenceDate: source.referenceDate } : {};
}

/** How a decision row stores an engine that could not judge the document. */
const NOT_JUDGED = "未能判断";

async function latestDecision(db: Db, type: ReviewType, id: string): Promise<ReviewDecisionRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewDecisions)
    .where(and(eq(reviewDecisions.entityType, type), eq(reviewDecisions.entityId, id)))
    .orderBy(desc(reviewDecisions.id))
    .limit(1);
  return row;
}

function view(
  type: ReviewType,
  id: string,
  r: Reviewed,
  result: ReviewResult,
  d: ReviewDecisionRow | undefined,
): ReviewView {
  return {
    target: { type, id, version: r.version },
    findings: withRecords(result.findings, r.source),
    counts: result.counts,
    verdict: result.verdict,
    verdictPoints: result.verdictPoints,
    reasons: result.reasons,
    decision: d
      ? {
          verdict: d.engineVerdict === NOT_JUDGED ? null : (d.engineVerdict as Verdict),
          reviewerVerdict: d.reviewerVerdict as Verdict,
          comment: d.comment,
          decidedBy: d.decidedBy,
          decidedAt: d.decidedAt.toISOString(),
          current: d.entityVersion === r.version,
        }
      : null,
  };
}

export async function runReview(
  deps: Deps,
  actor: Actor | undefined,
  type: ReviewType,
  id: string,
): Promise<ReviewView> {
  const r = await load(deps.db, actor, type, id, "business.read");
  const extra = await libraryRulesFor(deps.db, { type, id, orgId: r.orgId }, r.source.document);
  const result = reviewDocument(r.source.document, configFor(r.source), extra);
  return view(type, id, r, result, await latestDecision(deps.db, type, id));
}

/**
 * Who records a decision on the automatic review: the reviewer (主管/财政审核), or the unit approver (单位审核) at
 * their stage; 403 for anyone else who may read the record.
 */
function mayDecide(actor: Actor | undefined, orgPath: string): Actor {
  try {
    return authorize(actor, "business.review", { orgPath });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== "forbidden") throw e;
    try {
      return authorize(actor, UNIT_APPROVE, { orgPath });
    } catch {
      throw e;
    }
  }
}

/** The unit approver's own permission (单位审核). */
const UNIT_APPROVE = "business.unit_approve" as Permission;

export async function decideReview(
  deps: Deps,
  actor: Actor | undefined,
  type: DecisionType,
  id: string,
  input: { reviewerVerdict: Verdict; comment?: string | undefined },
): Promise<ReviewView> {
  const r = await load(deps.db, actor, type, id, "business.read");
  const a = mayDecide(actor, r.orgPath);
  const extra = await libraryRulesFor(deps.db, { type, id, orgId: r.orgId }, r.source.document);
  const result = reviewDocument(r.source.document, configFor(r.source), extra);
  // Core's rule: a verdict other than the engine's needs a comment (400 otherwise).
  const decided = overruleVerdict(result.decision, input.reviewerVerdict, input.comment);
  const row = await transact(deps.db, async (tx) => {
    const [d] = await tx
      .insert(reviewDecisions)
      .values({
        entityType: type,
        entityId: id,
        entityVersion: r.version,
        orgId: r.orgId,
        engineVerdict: result.verdict ?? NOT_JUDGED,
        // points are meaningless without a verdict; the stored 0 is never shown (the verdict reads back as null)
        enginePoints: result.verdictPoints ?? 0,
        reviewerVerdict: decided.reviewerVerdict ?? result.verdict ?? input.reviewerVerdict,
        comment: decided.comment ?? null,
        counts: result.counts,
        decidedBy: a.accountId,
        decidedAt: deps.now(),
      })
      .returning();
    await recordAudit(tx, {
      actor: a,
      orgId: r.orgId,
      action: decided.reviewerVerdict === result.verdict ? "review.accept" : "review.overrule",
      entityType: type,
      entityId: id,
      after: {
        verdict: result.verdict,
        reviewerVerdict: d!.reviewerVerdict,
        comment: d!.comment,
        version: r.version,
        counts: result.counts,
      },
      at: deps.now(),
    });
    return d!;
  });
  return view(type, id, r, result, row);
}
