import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type {
  createAccountRoute,
  grantRoleRoute,
  listAccountsRoute,
  resetPasswordRoute,
  revokeRoleRoute,
  setDisabledRoute,
  unlockAccountRoute,
} from "./accounts.routes.ts";
import {
  createAccount,
  grantRole,
  listAccounts,
  resetPassword,
  revokeRole,
  setDisabled,
  unlockAccount,
} from "./accounts.service.ts";

export const listAccountsHandler: RouteHandler<typeof listAccountsRoute, AppEnv> = async (c) =>
  c.json({ items: await listAccounts(c.var.deps, c.var.actor) }, 200);

export const createAccountHandler: RouteHandler<typeof createAccountRoute, AppEnv> = async (c) =>
  c.json(await createAccount(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const grantRoleHandler: RouteHandler<typeof grantRoleRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await grantRole(c.var.deps, c.var.actor, id, c.req.valid("json")), 201);
};

export const revokeRoleHandler: RouteHandler<typeof revokeRoleRoute, AppEnv> = async (c) => {
  const { id, membershipId } = c.req.valid("param");
  await revokeRole(c.var.deps, c.var.actor, id, membershipId);
  return c.body(null, 204);
};

export const unlockAccountHandler: RouteHandler<typeof unlockAccountRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await unlockAccount(c.var.deps, c.var.actor, id);
  return c.body(null, 204);
};

export const resetPasswordHandler: RouteHandler<typeof resetPasswordRoute, AppEnv> = async (c) => {
  await resetPassword(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json"));
  return c.body(null, 204);
};

export const setDisabledHandler: RouteHandler<typeof setDisabledRoute, AppEnv> = async (c) =>
  c.json(await setDisabled(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json").disabled), 200);
