import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { RoleSchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const AccountSchema = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    locked: z.boolean(),
    disabled: z.boolean(),
    memberships: z.array(z.object({ id: z.string().uuid(), role: RoleSchema, orgId: z.string().uuid().nullable() })),
    version: z.number().int(),
  })
  .openapi("Account");

export const listAccountsRoute = createRoute({
  method: "get",
  path: "/accounts",
  tags: ["accounts"],
  summary: "账户列表（系统/安全管理员）/ accounts (system and security administrators)",
  responses: {
    200: { description: "Accounts", content: json(z.object({ items: z.array(AccountSchema) })) },
    ...errorResponses(401, 403),
  },
});

export const createAccountRoute = createRoute({
  method: "post",
  path: "/accounts",
  tags: ["accounts"],
  summary: "新建账户（系统管理员）/ create an account with an initial password to be changed at first sign-in",
  request: {
    body: {
      required: true,
      content: json(
        z.object({
          username: z
            .string()
            .trim()
            .min(2)
            .max(50)
            .regex(/^[\w.@-]+$/),
          displayName: z.string().trim().min(1).max(100),
          initialPassword: z.string().min(1).max(200),
        }),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(AccountSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});

export const grantRoleRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/memberships",
  tags: ["accounts"],
  summary: "授予角色（安全管理员）/ grant a role, over an organisation's subtree for business roles",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(z.object({ role: RoleSchema, orgId: z.string().uuid().nullable().optional() })),
    },
  },
  responses: {
    201: { description: "Granted", content: json(AccountSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const revokeRoleRoute = createRoute({
  method: "delete",
  path: "/accounts/{id}/memberships/{membershipId}",
  tags: ["accounts"],
  summary: "撤销角色（安全管理员）/ revoke a role",
  request: {
    params: IdParam.extend({
      membershipId: z
        .string()
        .uuid()
        .openapi({ param: { name: "membershipId", in: "path" } }),
    }),
  },
  responses: {
    204: { description: "Revoked" },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const unlockAccountRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/unlock",
  tags: ["accounts"],
  summary: "解锁账户（安全管理员）/ unlock an account",
  request: { params: IdParam },
  responses: {
    204: { description: "Unlocked" },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const resetPasswordRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/password",
  tags: ["accounts"],
  summary:
    "重置密码（系统管理员）/ set a new initial password, to be changed at next sign-in; the account's sessions end",
  request: {
    params: IdParam,
    body: { required: true, content: json(z.object({ initialPassword: z.string().min(1).max(200) })) },
  },
  responses: {
    204: { description: "Reset" },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const setDisabledRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/disabled",
  tags: ["accounts"],
  summary: "停用或启用账户（系统管理员）/ disable or enable an account (disabling ends its sessions)",
  request: { params: IdParam, body: { required: true, content: json(z.object({ disabled: z.boolean() })) } },
  responses: {
    200: { description: "The account", content: json(AccountSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});
