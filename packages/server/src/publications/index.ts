import { sendFile } from "../http/download.ts";
import { createRouter } from "../http/router.ts";
import * as r from "./publications.routes.ts";
import { publicFile, publicList, publicOne, publish, withdraw } from "./publications.service.ts";

export { publicPages } from "./pages.ts";

export const publicationsRouter = createRouter()
  .openapi(r.publishRoute, async (c) => c.json(await publish(c.var.deps, c.var.actor, c.req.valid("json")), 201))
  .openapi(r.withdrawRoute, async (c) =>
    c.json(await withdraw(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json").reason), 200),
  )
  .openapi(r.publicListRoute, async (c) =>
    c.json({ items: await publicList(c.var.deps.db, c.req.valid("query")) }, 200),
  )
  .openapi(r.publicOneRoute, async (c) => {
    const { view, document } = await publicOne(c.var.deps.db, c.req.valid("param").id);
    return c.json({ publication: view, document: document as unknown }, 200);
  })
  .openapi(r.publicFileRoute, async (c) =>
    sendFile(c, await publicFile(c.var.deps.db, c.req.valid("param").id, c.req.valid("query").format)),
  );
