/**
 * Rectification use-cases (整改). The reviewer of a subtree creates items for its units — typed, from a record
 * (review finding, self-evaluation, monitoring record) or proposed by core from a self-evaluation's shortfalls; the
 * unit's filler answers (measures taken, evidence files) and submits; the reviewer accepts or returns with a comment.
 * Every step: role and organisation checked, the versioned write guarded by the state read, a step row and an audit
 * row in the same transaction.
 */
import { createHash } from "node:crypto";
import {
  checkRectificationStep,
  DomainError,
  isAnswerable,
  isIsoDate,
  isOverdue,
  proposeFromEvaluation,
  RECTIFICATION_STATES,
  type RectificationAction,
  type RectificationSource,
  type RectificationState,
  type ScoreResult,
  type ShortfallKind,
} from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission, requireActor, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound, ServerError, staleVersion } from "../http/errors.ts";
import type { Received, ReceiveOptions } from "../imports/receive.ts";
import { organisationFor, visibleSubtree } from "../orgs/access.ts";
import { presentAttachment, presentItem, presentStep, SOURCE_TYPES, todayOf } from "./presenters.ts";
import {
  attachmentsOf,
  deleteAttachment,
  findAttachment,
  findItem,
  type ItemWithOrg,
  insertAttachment,
  insertItem,
  insertStep,
  listItems,
  type SourceType,
  sourceRecord,
  stepsOf,
  touchItem,
  updateItem,
} from "./repository.ts";

export const ITEM = { zh: "整改事项", en: "rectification item" };
const ATTACHMENT = { zh: "整改佐证材料", en: "evidence file" };
const ENTITY = "rectification_item";

/** Evidence files: at most 10 MB each, 20 per item. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 20;

/** The item when the actor holds `permission` on its unit: 404 when invisible, 403 when the role may not. */
export async function itemFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: Permission = "business.read",
): Promise<{ actor: Actor; item: ItemWithOrg }> {
  const item = await findItem(db, id);
  if (!item) {
    authorize(actor, "business.read");
    throw notFound(ITEM);
  }
  return { actor: authorize(actor, permission, { orgPath: item.orgPath }), item };
}

async function countsOf(db: Db, ids: string[]): Promise<Map<string, number>> {
  const n = new Map<string, number>();
  for (const a of await attachmentsOf(db, ids)) n.set(a.itemId, (n.get(a.itemId) ?? 0) + 1);
  return n;
}

export async function detailOf(db: Db, item: ItemWithOrg, now: Date) {
  const [attachments, steps] = await Promise.all([attachmentsOf(db, [item.id]), stepsOf(db, [item.id])]);
  return {
    ...presentItem(item, now, attachments.length),
    attachmentList: attachments.map(presentAttachment),
    steps: steps.map(presentStep),
  };
}

export interface ListQuery {
  orgId?: string | undefined;
  year?: number | undefined;
  /** Comma-separated states. */
  state?: string | undefined;
  overdue?: boolean | undefined;
  sourceEntityId?: string | undefined;
}

function parseStates(text: string | undefined): RectificationState[] | undefined {
  if (!text) return undefined;
  const wanted = text.split(",").map((s) => s.trim());
  const unknown = wanted.filter((w) => !(RECTIFICATION_STATES as readonly string[]).includes(w));
  if (unknown.length > 0) {
    throw new DomainError(
      "invalid_input",
      {
        zh: `查询参数 state：「${unknown.join("、")}」不是整改状态（${RECTIFICATION_STATES.join("、")}）`,
        en: `query parameter state: "${unknown.join(", ")}" is not a state (${RECTIFICATION_STATES.join(", ")})`,
      },
      { field: "state" },
    );
  }
  return wanted as RectificationState[];
}

/** Items in the reader's scope with the counts by state and overdue (of the items matched before the filters). */
export async function listItemsFor(deps: Deps, actor: Actor | undefined, q: ListQuery) {
  const a = authorize(actor, "business.read");
  const scope = scopeOf(a, "business.read");
  let underPath: string | undefined;
  if (q.orgId) underPath = (await visibleSubtree(deps, a, q.orgId, "business.read")).org.path;
  const rows = await listItems(deps.db, {
    paths: scope.all ? undefined : scope.paths,
    underPath,
    year: q.year,
    sourceEntityId: q.sourceEntityId,
  });
  const now = deps.now();
  const today = todayOf(now);
  const counts = { total: rows.length, overdue: 0, ...Object.fromEntries(RECTIFICATION_STATES.map((s) => [s, 0])) } as {
    total: number;
    overdue: number;
  } & Record<RectificationState, number>;
  for (const r of rows) {
    counts[r.state as RectificationState]++;
    if (isOverdue({ state: r.state as RectificationState, deadline: r.deadline }, today)) counts.overdue++;
  }
  const states = parseStates(q.state);
  let items = rows;
  if (states) items = items.filter((r) => states.includes(r.state as RectificationState));
  if (q.overdue !== undefined) {
    items = items.filter(
      (r) => isOverdue({ state: r.state as RectificationState, deadline: r.deadline }, today) === q.overdue,
    );
  }
  const n = await countsOf(
    deps.db,
    items.map((i) => i.id),
  );
  return { counts, items: items.map((i) => presentItem(i, now, n.get(i.id) ?? 0)) };
}

function checkDeadline(deadline: string) {
  if (!isIsoDate(deadline)) {
    throw new DomainError(
      "invalid_input",
      { zh: `整改期限「${deadline}」应为 YYYY-MM-DD`, en: `the deadline "${deadline}" must be YYYY-MM-DD` },
      { field: "deadline" },
    );
  }
}

export interface CreateInput {
  orgId?: string | undefined;
  year?: number | undefined;
  sourceKind: RectificationSource;
  sourceEntityType?: SourceType | null | undefined;
  sourceEntityId?: string | null | undefined;
  sourceRef?: string | null | undefined;
  shortfall?: ShortfallKind | null | undefined;
  problem: string;
  requiredMeasures: string;
  deadline: string;
}

/**
 * The owner unit and year of a new item: those of its source record when it names one (the unit given, if any,
 * must be that record's unit or above it), else those given. The reviewer must hold review on the unit.
 */
async function ownerOf(deps: Pick<Deps, "db">, actor: Actor | undefined, input: CreateInput) {
  let year = input.year;
  let orgId = input.orgId;
  if ((input.sourceEntityType == null) !== (input.sourceEntityId == null)) {
    throw new DomainError(
      "invalid_input",
      { zh: "来源记录须同时给出类型和编号", en: "A source record needs both its type and its id" },
      { field: "sourceEntityId" },
    );
  }
  if (input.sourceEntityType && input.sourceEntityId) {
    const src = await sourceRecord(deps.db, input.sourceEntityType, input.sourceEntityId);
    // A record the reviewer may not read answers as one that does not exist.
    if (!src || !inReadScope(requireActor(actor), src.orgPath)) {
      authorize(actor, "business.review");
      throw notFound({ zh: "来源记录", en: "source record" });
    }
    if (orgId && orgId !== src.orgId) {
      const owner = await organisationFor(deps.db, actor, orgId, "business.review");
      if (!src.orgPath.startsWith(owner.org.path)) {
        throw new DomainError(
          "invalid_input",
          { zh: "整改单位须为来源记录所属单位或其上级", en: "The unit must be the source record's or above it" },
          { field: "orgId" },
        );
      }
    }
    orgId ??= src.orgId;
    year ??= src.year;
  }
  if (!orgId || year === undefined) {
    throw new DomainError(
      "invalid_input",
      { zh: "须给出整改单位和年度（或来源记录）", en: "Give the unit and the year (or a source record)" },
      { field: orgId ? "year" : "orgId" },
    );
  }
  const { actor: a, org } = await organisationFor(deps.db, actor, orgId, "business.review");
  return { actor: a, org, year };
}

function inReadScope(actor: Actor, path: string): boolean {
  const s = scopeOf(actor, "business.read");
  return s.all || s.paths.some((p) => path.startsWith(p));
}

async function createOne(
  tx: Db,
  deps: Pick<Deps, "now">,
  a: Actor,
  org: { id: string; path: string; name: string },
  year: number,
  input: CreateInput,
) {
  const now = deps.now();
  const row = await insertItem(tx, {
    orgId: org.id,
    year,
    sourceKind: input.sourceKind,
    sourceEntityType: input.sourceEntityType ?? null,
    sourceEntityId: input.sourceEntityId ?? null,
    sourceRef: input.sourceRef?.trim() || null,
    shortfall: input.shortfall ?? null,
    problem: input.problem.trim(),
    requiredMeasures: input.requiredMeasures.trim(),
    deadline: input.deadline,
    createdBy: a.accountId,
    createdAt: now,
    updatedAt: now,
  });
  await insertStep(tx, {
    itemId: row.id,
    action: "create",
    fromState: null,
    toState: "pending",
    actorId: a.accountId,
    actorName: a.displayName,
    at: now,
  });
  const view = presentItem({ ...row, orgPath: org.path, orgName: org.name }, now);
  await recordAudit(tx, {
    actor: a,
    orgId: org.id,
    action: "rectification.create",
    entityType: ENTITY,
    entityId: row.id,
    after: view,
    at: now,
  });
  return view;
}

/** A new item (reviewer of the unit's subtree). */
export async function createItem(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, input: CreateInput) {
  const { actor: a, org, year } = await ownerOf(deps, actor, input);
  checkDeadline(input.deadline);
  for (const f of ["problem", "requiredMeasures"] as const) {
    if (!input[f].trim()) {
      throw new DomainError(
        "invalid_input",
        { zh: f === "problem" ? "请填写问题" : "请填写整改要求", en: `${f} is empty` },
        { field: f },
      );
    }
  }
  return transact(deps.db, (tx) => createOne(tx, deps, a, org, year, input));
}

/** The evaluation's stored score and what core proposes from it, each marked when an item already exists for it. */
export async function proposalsFor(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, evaluationId: string) {
  const e = await evaluationFor(deps.db, actor, evaluationId);
  const result = e.scoreResult as ScoreResult | null;
  const title = e.projectName ?? e.orgName;
  const proposals = result ? proposeFromEvaluation({ ...result, title }) : [];
  const existing = await listItems(deps.db, { sourceEntityId: e.id });
  const taken = new Set(existing.map((i) => i.sourceRef));
  return {
    evaluationId: e.id,
    orgId: e.orgId,
    orgName: e.orgName,
    year: e.year,
    title,
    scored: result !== null,
    grade: result?.grade ?? null,
    total: result ? result.total : null,
    executionRate: result?.executionRate ?? null,
    proposals: proposals.map((p) => ({ ...p, indicator: p.indicator ?? null, created: taken.has(p.key) })),
  };
}

/**
 * Items for the evaluation's shortfalls (reviewer): every proposal not created yet, or those of `keys`; each with
 * the proposal's texts unless `texts` gives the reviewer's own.
 */
export async function createFromEvaluation(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  evaluationId: string,
  input: {
    deadline: string;
    keys?: string[] | undefined;
    texts?: Record<string, { problem?: string | undefined; requiredMeasures?: string | undefined }> | undefined;
  },
) {
  const e = await evaluationFor(deps.db, actor, evaluationId);
  const { actor: a, org } = await organisationFor(deps.db, actor, e.orgId, "business.review");
  checkDeadline(input.deadline);
  const offered = await proposalsFor(deps, actor, evaluationId);
  if (!offered.scored) {
    throw new DomainError("invalid_input", {
      zh: "该自评尚未计算得分，无法生成整改事项",
      en: "The self-evaluation has no score yet: nothing to propose",
    });
  }
  const unknown = (input.keys ?? []).filter((k) => !offered.proposals.some((p) => p.key === k));
  if (unknown.length > 0) {
    throw new DomainError(
      "invalid_input",
      { zh: `没有这些整改建议：${unknown.join("、")}`, en: `No such proposals: ${unknown.join(", ")}` },
      { field: "keys" },
    );
  }
  const chosen = offered.proposals.filter((p) => (input.keys ? input.keys.includes(p.key) : !p.created));
  return transact(deps.db, async (tx) => {
    const items = [];
    for (const p of chosen) {
      const own = input.texts?.[p.key];
      items.push(
        await createOne(tx, deps, a, org, e.year, {
          sourceKind: "evaluation",
          sourceEntityType: "self_evaluation",
          sourceEntityId: e.id,
          sourceRef: p.key,
          shortfall: p.shortfall,
          problem: own?.problem?.trim() || p.problem,
          requiredMeasures: own?.requiredMeasures?.trim() || p.requiredMeasures,
          deadline: input.deadline,
        }),
      );
    }
    return { items };
  });
}

export async function getItem(deps: Deps, actor: Actor | undefined, id: string) {
  const { item } = await itemFor(deps.db, actor, id);
  return detailOf(deps.db, item, deps.now());
}

/** Why a guarded write matched nothing: gone (404), stale (409 with the item as it is now). */
async function explainMiss(db: Db, id: string, now: Date): Promise<never> {
  const current = await findItem(db, id);
  if (!current) throw notFound(ITEM);
  throw staleVersion(await detailOf(db, current, now));
}

const PERMISSION: Record<RectificationAction, Permission> = {
  answer: "business.write",
  submit: "business.write",
  accept: "business.review",
  return: "business.review",
};

export interface StepBody {
  version: number;
  measuresTaken?: string | null | undefined;
  comment?: string | null | undefined;
}

/**
 * One step of the life cycle: the unit's answer (saves the measures taken: 整改中) and submission, the reviewer's
 * acceptance and return. The state read guards the write with the version, so two people cannot both act on it.
 */
export async function stepItem(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  action: RectificationAction,
  body: StepBody,
) {
  const { actor: a, item } = await itemFor(deps.db, actor, id, PERMISSION[action]);
  const now = deps.now();
  if (item.version !== body.version) throw staleVersion(await detailOf(deps.db, item, now));
  const from = item.state as RectificationState;
  const measuresTaken =
    action === "answer" || (action === "submit" && body.measuresTaken !== undefined)
      ? (body.measuresTaken ?? null)
      : item.measuresTaken;
  const to = checkRectificationStep({ state: from, action, measuresTaken, comment: body.comment });
  const comment = body.comment?.trim() || null;
  return transact(deps.db, async (tx) => {
    const patch =
      action === "answer" || action === "submit"
        ? {
            state: to,
            measuresTaken: measuresTaken?.trim() || null,
            answeredBy: a.accountId,
            answeredAt: now,
            ...(action === "submit" ? { submittedAt: now } : {}),
          }
        : { state: to, reviewComment: comment, decidedBy: a.accountId, decidedAt: now };
    const row = await updateItem(tx, id, { version: body.version, state: from }, patch, now);
    if (!row) return explainMiss(tx, id, now);
    await insertStep(tx, {
      itemId: id,
      action,
      fromState: from,
      toState: to,
      comment: action === "answer" || action === "submit" ? null : comment,
      actorId: a.accountId,
      actorName: a.displayName,
      at: now,
    });
    const after = await detailOf(tx, { ...row, orgPath: item.orgPath, orgName: item.orgName }, now);
    const { attachmentList: _a, steps: _s, ...afterItem } = after;
    await recordAudit(tx, {
      actor: a,
      orgId: item.orgId,
      action: `rectification.${action}`,
      entityType: ENTITY,
      entityId: id,
      before: presentItem(item, now, after.attachments),
      after: afterItem,
      ...(comment && (action === "accept" || action === "return") ? { details: { comment } } : {}),
      at: now,
    });
    return after;
  });
}

const tooLarge = (size: number) =>
  new ServerError("file_too_large", {
    zh: `佐证材料过大（${(size / 1048576).toFixed(1)} MB），每个文件上限为 ${MAX_EVIDENCE_BYTES / 1048576} MB`,
    en: `The evidence file is too large (${(size / 1048576).toFixed(1)} MB); the limit is ${MAX_EVIDENCE_BYTES / 1048576} MB per file`,
  });

/** The unit's evidence file, while the item is answerable: at most MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES per item. */
export async function addAttachment(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  receive: (options: ReceiveOptions) => Promise<Received>,
  contentType: string | undefined,
) {
  const { actor: a, item } = await itemFor(deps.db, actor, id, "business.write");
  if (!isAnswerable(item.state as RectificationState)) throw notAnswerable(item.state as RectificationState);
  const before = await attachmentsOf(deps.db, [id]);
  if (before.length >= MAX_EVIDENCE_FILES) {
    throw new DomainError("conflict", {
      zh: `每个整改事项最多 ${MAX_EVIDENCE_FILES} 个佐证材料`,
      en: `At most ${MAX_EVIDENCE_FILES} evidence files per item`,
    });
  }
  const file = await receive({ db: deps.db, spillAbove: undefined, maxBytes: MAX_EVIDENCE_BYTES, tooLarge });
  if (!file.bytes || file.size === 0) {
    throw new DomainError(
      "invalid_input",
      { zh: "上传的文件是空的", en: "The uploaded file is empty" },
      { field: "file" },
    );
  }
  const bytes = file.bytes;
  const name = [...file.name.replace(/[\\/]/g, "_")].slice(0, 200).join("") || "file";
  const now = deps.now();
  return transact(deps.db, async (tx) => {
    const meta = await insertAttachment(tx, {
      itemId: id,
      fileName: name,
      contentType: contentTypeOf(name, contentType),
      size: file.size,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      data: bytes,
      uploadedBy: a.accountId,
      createdAt: now,
    });
    await touchItem(tx, id, now);
    const view = presentAttachment(meta);
    await recordAudit(tx, {
      actor: a,
      orgId: item.orgId,
      action: "rectification.attach",
      entityType: ENTITY,
      entityId: id,
      after: view,
      at: now,
    });
    return view;
  });
}

const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  txt: "text/plain; charset=utf-8",
  zip: "application/zip",
  ofd: "application/ofd",
};

/** The stored type: by the file's extension (a browser's guess is not trusted for downloads). */
function contentTypeOf(name: string, _declared: string | undefined): string {
  const ext = name.includes(".") ? name.replace(/^.*\./, "").toLowerCase() : "";
  return TYPES[ext] ?? "application/octet-stream";
}

function notAnswerable(state: RectificationState) {
  return new ServerError(
    "not_editable",
    {
      zh: "整改事项已提交或已验收，佐证材料不能再更改",
      en: "The item has been submitted or accepted: its evidence can no longer change",
    },
    { details: { state } },
  );
}

async function attachmentFor(db: Db, actor: Actor | undefined, attachmentId: string, permission: Permission) {
  const att = await findAttachment(db, attachmentId);
  if (!att) {
    authorize(actor, "business.read");
    throw notFound(ATTACHMENT);
  }
  const { actor: a, item } = await itemFor(db, actor, att.itemId, permission);
  return { actor: a, item, att };
}

/** An evidence file to download (any reader of the item). */
export async function getAttachment(deps: Deps, actor: Actor | undefined, attachmentId: string) {
  const { att } = await attachmentFor(deps.db, actor, attachmentId, "business.read");
  return att;
}

/** Removes an evidence file (the unit, while the item is answerable). */
export async function removeAttachment(deps: Deps, actor: Actor | undefined, attachmentId: string) {
  const { actor: a, item, att } = await attachmentFor(deps.db, actor, attachmentId, "business.write");
  if (!isAnswerable(item.state as RectificationState)) throw notAnswerable(item.state as RectificationState);
  const now = deps.now();
  await transact(deps.db, async (tx) => {
    if (!(await deleteAttachment(tx, att.id))) throw notFound(ATTACHMENT);
    await touchItem(tx, item.id, now);
    const { data: _d, ...meta } = att;
    await recordAudit(tx, {
      actor: a,
      orgId: item.orgId,
      action: "rectification.detach",
      entityType: ENTITY,
      entityId: item.id,
      before: presentAttachment(meta),
      at: now,
    });
  });
}

export { SOURCE_TYPES };
