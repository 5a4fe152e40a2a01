import { createRoute, z } from "@hono/zod-openapi";
import { EXPORT_FORMATS } from "@jixiao/documents";
import { officeFileResponse } from "../http/download.ts";
import { errorResponses } from "../http/errors.ts";
import { LibraryEntrySchema, LibraryMarkSchema, SuggestionSchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Bureau = z.object({ id: z.string().uuid(), name: z.string() });
const OrgQuery = z.object({
  orgId: z.string().uuid().openapi({ description: "The organisation asking: its governing bureau's library is used" }),
});

export const suggestionsRoute = createRoute({
  method: "get",
  path: "/library/suggestions",
  tags: ["library"],
  summary: "指标库联想 / indicator suggestions for a typed name, from the library the unit's bureau governs",
  request: {
    query: OrgQuery.extend({
      q: z.string().max(100).openapi({ description: "What was typed (normalised like the names)" }),
      limit: z.coerce.number().int().min(1).max(50).default(10),
    }),
  },
  responses: {
    200: {
      description: "Suggestions, best first (entries the bureau does not allow are left out)",
      content: json(z.object({ bureau: Bureau, items: z.array(SuggestionSchema) })),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const entriesRoute = createRoute({
  method: "get",
  path: "/library/entries",
  tags: ["library"],
  summary: "指标库条目 / the library's entries: names, 一级/二级, forms, units, typical values, marks, where used",
  request: {
    query: OrgQuery.extend({
      q: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: "Entries, most used first (or best match first with q)",
      content: json(z.object({ bureau: Bureau, total: z.number().int(), items: z.array(LibraryEntrySchema) })),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const marksRoute = createRoute({
  method: "get",
  path: "/library/marks",
  tags: ["library"],
  summary: "指标库标记 / the bureau marks in force for an organisation (nearest bureau's per name)",
  request: { query: OrgQuery },
  responses: {
    200: { description: "Marks", content: json(z.object({ bureau: Bureau, items: z.array(LibraryMarkSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const setMarkRoute = createRoute({
  method: "put",
  path: "/library/marks",
  tags: ["library"],
  summary: "标记指标库条目（财政/主管部门审核人）/ mark an entry recommended or not allowed, or clear the mark (null)",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid().openapi({ description: "The bureau (the reviewer's own organisation)" }),
            name: z.string().trim().min(1).max(100),
            mark: z.enum(["recommended", "not_allowed"]).nullable(),
            note: z.string().trim().max(500).nullable().optional(),
          })
          .openapi("SetLibraryMark"),
      ),
    },
  },
  responses: {
    200: {
      description: "The mark as stored (null once cleared)",
      content: json(z.object({ key: z.string(), mark: LibraryMarkSchema.nullable() })),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const exportRoute = createRoute({
  method: "get",
  path: "/library/export",
  tags: ["library", "exports"],
  summary:
    "导出绩效指标库 / the library's entries (or those matching a name) as xlsx, docx or PDF: 一级/二级, usual target, median and range, uses, years, marks (audited)",
  request: {
    query: OrgQuery.extend({
      q: z.string().max(100).optional(),
      format: z.enum(EXPORT_FORMATS).default("xlsx"),
    }),
  },
  responses: {
    200: officeFileResponse("The library"),
    ...errorResponses(400, 401, 403, 404),
  },
});
