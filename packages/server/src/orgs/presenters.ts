import { z } from "@hono/zod-openapi";
import type { OrganisationRow } from "./schema.ts";

export const OrgSchema = z
  .object({
    id: z.string().uuid(),
    parentId: z.string().uuid().nullable(),
    code: z.string().openapi({ example: "312007" }),
    name: z.string().openapi({ example: "赵县公安局交警大队" }),
    nature: z.string().nullable().openapi({ example: "行政" }),
    rank: z.string().nullable().openapi({ example: "正科级" }),
    fundingForm: z.string().nullable().openapi({ example: "财政拨款" }),
    depth: z.number().int(),
    sortOrder: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Organisation");

export type Org = z.infer<typeof OrgSchema>;

export function presentOrg(row: OrganisationRow): Org {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    nature: row.nature,
    rank: row.rank,
    fundingForm: row.fundingForm,
    depth: row.depth,
    sortOrder: row.sortOrder,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
