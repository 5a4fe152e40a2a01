import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { historyOf, snapshotListOf, snapshotOf } from "../workflow/history.ts";
import type * as r from "./evaluations.routes.ts";
import {
  createEvaluation,
  deleteEvaluationFor,
  evaluationFor,
  getEvaluation,
  listEvaluationsFor,
  replaceItemsFor,
  startDepartmentEvaluation,
  transitionEvaluation,
  updateEvaluationFor,
} from "./evaluations.service.ts";
import { defineScheme, schemesFor } from "./schemes.service.ts";
import { storedScores } from "./scores.ts";

export const listEvaluationsHandler: RouteHandler<typeof r.listEvaluationsRoute, AppEnv> = async (c) => {
  const { orgId, cursor, ...q } = c.req.valid("query");
  return c.json(
    await listEvaluationsFor(c.get("deps"), c.get("actor"), {
      ...q,
      ...(orgId ? { orgId } : {}),
      ...(cursor === undefined ? {} : { cursor }),
    }),
    200,
  );
};

export const getEvaluationHandler: RouteHandler<typeof r.getEvaluationRoute, AppEnv> = async (c) =>
  c.json(await getEvaluation(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const createEvaluationHandler: RouteHandler<typeof r.createEvaluationRoute, AppEnv> = async (c) =>
  c.json(await createEvaluation(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const startDepartmentEvaluationHandler: RouteHandler<typeof r.startDepartmentEvaluationRoute, AppEnv> = async (
  c,
) => c.json(await startDepartmentEvaluation(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const updateEvaluationHandler: RouteHandler<typeof r.updateEvaluationRoute, AppEnv> = async (c) =>
  c.json(await updateEvaluationFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const replaceItemsHandler: RouteHandler<typeof r.replaceItemsRoute, AppEnv> = async (c) =>
  c.json(await replaceItemsFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const deleteEvaluationHandler: RouteHandler<typeof r.deleteEvaluationRoute, AppEnv> = async (c) => {
  await deleteEvaluationFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").version);
  return c.body(null, 204);
};

export const submitEvaluationHandler: RouteHandler<typeof r.submitEvaluationRoute, AppEnv> = async (c) =>
  c.json(
    await transitionEvaluation(c.var.deps, c.var.actor, c.req.valid("param").id, "submit", c.req.valid("json")),
    200,
  );

export const unitApproveEvaluationHandler: RouteHandler<typeof r.unitApproveEvaluationRoute, AppEnv> = async (c) =>
  c.json(
    await transitionEvaluation(c.var.deps, c.var.actor, c.req.valid("param").id, "unit_approve", c.req.valid("json")),
    200,
  );

export const approveEvaluationHandler: RouteHandler<typeof r.approveEvaluationRoute, AppEnv> = async (c) =>
  c.json(
    await transitionEvaluation(c.var.deps, c.var.actor, c.req.valid("param").id, "approve", c.req.valid("json")),
    200,
  );

export const returnEvaluationHandler: RouteHandler<typeof r.returnEvaluationRoute, AppEnv> = async (c) =>
  c.json(
    await transitionEvaluation(c.var.deps, c.var.actor, c.req.valid("param").id, "return", c.req.valid("json")),
    200,
  );

export const evaluationHistoryHandler: RouteHandler<typeof r.evaluationHistoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await evaluationFor(c.var.deps.db, c.var.actor, id);
  return c.json(await historyOf(c.var.deps.db, "self_evaluation", id), 200);
};

export const evaluationSnapshotsHandler: RouteHandler<typeof r.evaluationSnapshotsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await evaluationFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotListOf(c.var.deps.db, "self_evaluation", id), 200);
};

export const evaluationSnapshotHandler: RouteHandler<typeof r.evaluationSnapshotRoute, AppEnv> = async (c) => {
  const { id, snapshotId } = c.req.valid("param");
  await evaluationFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotOf(c.var.deps.db, "self_evaluation", id, snapshotId), 200);
};

export const evaluationScoresHandler: RouteHandler<typeof r.evaluationScoresRoute, AppEnv> = async (c) => {
  const row = await evaluationFor(c.var.deps.db, c.var.actor, c.req.valid("param").id);
  const s = await storedScores(c.var.deps.db, row);
  return c.json({ ...s, result: s.result as unknown }, 200);
};

export const defineSchemeHandler: RouteHandler<typeof r.defineSchemeRoute, AppEnv> = async (c) =>
  c.json(await defineScheme(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const listSchemesHandler: RouteHandler<typeof r.listSchemesRoute, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(await schemesFor(c.var.deps, c.var.actor, q.orgId, q.year), 200);
};
