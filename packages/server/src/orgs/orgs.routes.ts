import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { OrgSchema } from "./presenters.ts";
import { ORG_NATURES } from "./schema.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
const optText = z.string().trim().max(100).nullable().optional();

const OrgInput = z.object({
  parentId: z.string().uuid().nullable().optional(),
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  nature: z.enum(ORG_NATURES).nullable().optional(),
  rank: optText,
  fundingForm: optText,
  sortOrder: z.number().int().optional(),
});

export const listOrgsRoute = createRoute({
  method: "get",
  path: "/orgs",
  tags: ["orgs"],
  summary: "机构列表（可见范围）/ organisations you may see, flat with parent ids; `under` = a subtree",
  request: {
    query: z.object({
      under: z.string().uuid().optional(),
      q: z.string().max(100).optional(),
    }),
  },
  responses: {
    200: { description: "The organisations", content: json(z.object({ items: z.array(OrgSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getOrgRoute = createRoute({
  method: "get",
  path: "/orgs/{id}",
  tags: ["orgs"],
  summary: "机构 / one organisation",
  request: { params: IdParam },
  responses: {
    200: { description: "The organisation", content: json(OrgSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createOrgRoute = createRoute({
  method: "post",
  path: "/orgs",
  tags: ["orgs"],
  summary: "新建机构（系统管理员）/ create an organisation (sysadmin)",
  request: { body: { required: true, content: json(OrgInput) } },
  responses: {
    201: { description: "Created", content: json(OrgSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const updateOrgRoute = createRoute({
  method: "patch",
  path: "/orgs/{id}",
  tags: ["orgs"],
  summary:
    "修改或移动机构（系统管理员）/ update an organisation (sysadmin); a new `parentId` (null = a top level) moves it with its whole subtree; 409 with the current record when stale",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        OrgInput.partial().extend({
          parentId: z.string().uuid().nullable().optional().openapi({
            description:
              "新上级机构（null 为顶级）：连同全部下级机构一起移动 / the new parent (null: top level); the subtree moves with it",
          }),
          version: z.number().int(),
        }),
      ),
    },
  },
  responses: {
    200: { description: "Updated", content: json(OrgSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteOrgRoute = createRoute({
  method: "delete",
  path: "/orgs/{id}",
  tags: ["orgs"],
  summary: "删除机构（系统管理员）/ delete an organisation without children or data (sysadmin)",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
