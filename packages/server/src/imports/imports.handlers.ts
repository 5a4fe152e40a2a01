import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { invalidInput } from "../http/errors.ts";
import type { commitImportRoute, getImportRoute, uploadImportRoute } from "./imports.routes.ts";
import { commitImport, getImport, MAX_UPLOAD_BYTES, tooLarge, uploadImport } from "./imports.service.ts";

/** The uploaded file: a multipart `file` field, or the raw body named by `fileName`. */
async function uploadedFile(
  req: {
    header(name: string): string | undefined;
    arrayBuffer(): Promise<ArrayBuffer>;
    parseBody(): Promise<Record<string, unknown>>;
  },
  fileName: string | undefined,
): Promise<{ name: string; bytes: Uint8Array }> {
  const length = Number(req.header("content-length") ?? "0");
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) throw tooLarge(length);
  const type = req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const body = await req.parseBody();
    const file = body.file;
    if (!(file instanceof File)) {
      throw invalidInput(
        { zh: "缺少上传文件（表单字段 file）", en: "No file uploaded (form field `file`)" },
        { field: "file" },
      );
    }
    return { name: file.name || fileName || "upload", bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  if (!fileName) {
    throw invalidInput(
      {
        zh: "直接上传文件内容时须在查询参数 fileName 中给出文件名",
        en: "A raw upload needs the file's name in `fileName`",
      },
      { field: "fileName" },
    );
  }
  return { name: fileName, bytes: new Uint8Array(await req.arrayBuffer()) };
}

export const uploadImportHandler: RouteHandler<typeof uploadImportRoute, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const file = await uploadedFile(c.req, q.fileName);
  if (file.bytes.length === 0) {
    throw invalidInput({ zh: "上传的文件是空的", en: "The uploaded file is empty" }, { file: file.name });
  }
  const { status, view } = await uploadImport(c.var.deps, c.var.actor, {
    orgId: q.orgId,
    year: q.year,
    fileName: file.name,
    bytes: file.bytes,
  });
  return status === 201 ? c.json(view, 201) : c.json(view, 202);
};

export const getImportHandler: RouteHandler<typeof getImportRoute, AppEnv> = async (c) => {
  return c.json(await getImport(c.var.deps, c.var.actor, c.req.valid("param").id), 200);
};

export const commitImportHandler: RouteHandler<typeof commitImportRoute, AppEnv> = async (c) => {
  // The body is optional: without one (or without a JSON content type) nothing is overridden.
  const json = (c.req.header("content-type") ?? "").includes("application/json");
  const body = json ? (c.req.valid("json") as { unitOrgs?: Record<string, string> } | undefined) : undefined;
  return c.json(await commitImport(c.var.deps, c.var.actor, c.req.valid("param").id, body ?? {}), 200);
};
