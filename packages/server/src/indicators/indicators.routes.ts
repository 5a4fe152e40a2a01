import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { IndicatorSchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const text = (max: number) => z.string().trim().max(max).nullable().optional();
const Weight = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, "分值须为正数，最多四位小数 / a positive weight with at most 4 decimals")
  .refine((w) => Number(w) > 0, "分值须大于 0 / the weight must be > 0");

const IndicatorFields = z.object({
  name: z.string().trim().min(1).max(100),
  description: text(2000),
  targetText: text(500),
  unit: text(50),
  natureCode: text(20),
  weight: Weight.nullable().optional(),
  isCore: z.boolean().optional(),
  sortOrder: z.number().int().optional(),
});

export const listIndicatorsRoute = createRoute({
  method: "get",
  path: "/projects/{id}/indicators",
  tags: ["indicators"],
  summary: "项目绩效指标（一、二、三级）/ the project's indicator tree, flat with parent ids",
  request: { params: IdParam },
  responses: {
    200: { description: "Indicators", content: json(z.object({ items: z.array(IndicatorSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createIndicatorRoute = createRoute({
  method: "post",
  path: "/projects/{id}/indicators",
  tags: ["indicators"],
  summary: "新增指标 / add an indicator to an editable project (filler)",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        IndicatorFields.extend({
          level: z.number().int().min(1).max(3),
          parentId: z.string().uuid().nullable().optional(),
        }).openapi("CreateIndicator"),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(IndicatorSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const getIndicatorRoute = createRoute({
  method: "get",
  path: "/indicators/{id}",
  tags: ["indicators"],
  summary: "指标 / one indicator",
  request: { params: IdParam },
  responses: {
    200: { description: "The indicator", content: json(IndicatorSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const updateIndicatorRoute = createRoute({
  method: "patch",
  path: "/indicators/{id}",
  tags: ["indicators"],
  summary: "修改指标 / update an indicator of an editable project; 409 with the current record when stale",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(IndicatorFields.partial().extend({ version: z.number().int() }).openapi("UpdateIndicator")),
    },
  },
  responses: {
    200: { description: "Updated", content: json(IndicatorSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteIndicatorRoute = createRoute({
  method: "delete",
  path: "/indicators/{id}",
  tags: ["indicators"],
  summary: "删除指标（及其下级）/ delete an indicator and its children",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
