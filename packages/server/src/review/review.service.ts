/**
 * The automatic review of a stored document — a project, a department goal, a self-evaluation, or an import's
 * preview — by core's `reviewDocument`, and the reviewer's decision on its verdict (accept, or overrule with a
 * comment: core's `overruleVerdict`), stored and audited in one transaction.
 */
import {
  DomainError,
  type Finding,
  overruleVerdict,
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
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { imports } from "../imports/schema.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { projectFor } from "../projects/projects.service.ts";
import { evaluationDocument, goalDocument, projectDocument, type RecordDocument } from "./documents.ts";
import { type ReviewDecisionRow, reviewDecisions } from "./schema.ts";

export const REVIEW_TYPES = ["project", "goal", "evaluation", "import"] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

interface Reviewed {
  orgId: string;
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
      return { orgId: p.orgId, version: p.version, source: await projectDocument(db, p) };
    }
    case "goal": {
      const g = await goalFor(db, actor, id, permission);
      return { orgId: g.orgId, version: g.version, source: await goalDocument(db, g) };
    }
    case "evaluation": {
      const e = await evaluationFor(db, actor, id, permission);
      return { orgId: e.orgId, version: e.version, source: await evaluationDocument(db, e) };
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
      return { orgId: row.orgId, version: 0, source: { document: result.document, rowRecords: new Map() } };
    }
  }
}

/** A finding on the wire: core's finding, its location and details as plain records, and the row it points to. */
export type ReviewedFinding = Omit<Finding, "location" | "details"> & {
  location: Record<string, string | number>;
  details?: Record<string, string | number | boolean>;
  record?: { type: string; id: string };
};

export interface ReviewView {
  target: { type: ReviewType; id: string; version: number };
  findings: ReviewedFinding[];
  counts: ReviewResult["counts"];
  verdict: Verdict;
  verdictPoints: number;
  reasons: ReviewResult["reasons"];
  decision: {
    verdict: Verdict;
    reviewerVerdict: Verdict | null;
    comment: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    /** The decision was taken on this version of the record (false: the record changed since). */
    current: boolean;
  } | null;
}

function withRecords(findings: Finding[], source: RecordDocument): ReviewedFinding[] {
  return findings.map((f) => {
    const row = f.location.row;
    const rec = f.location.file === source.document.file && row !== undefined ? source.rowRecords.get(row) : undefined;
    const { location, details, ...rest } = f;
    const out: ReviewedFinding = { ...rest, location: { ...location } as Record<string, string | number> };
    if (details) out.details = { ...details } as Record<string, string | number | boolean>;
    if (rec) out.record = rec;
    return out;
  });
}

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
          verdict: d.engineVerdict as Verdict,
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
  const result = reviewDocument(r.source.document);
  return view(type, id, r, result, await latestDecision(deps.db, type, id));
}

export async function decideReview(
  deps: Deps,
  actor: Actor | undefined,
  type: ReviewType,
  id: string,
  input: { reviewerVerdict: Verdict; comment?: string | undefined },
): Promise<ReviewView> {
  const r = await load(deps.db, actor, type, id, "business.review");
  const a = authorize(actor, "business.review");
  const result = reviewDocument(r.source.document);
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
        engineVerdict: result.verdict,
        enginePoints: result.verdictPoints,
        reviewerVerdict: decided.reviewerVerdict ?? result.verdict,
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
