import { createRouter } from "../http/router.ts";
import * as h from "./rectification.handlers.ts";
import * as r from "./rectification.routes.ts";

// The report comes before /rectification/items/{id} routes only by path shape; no overlap.
export const rectificationRouter = createRouter()
  .openapi(r.listItemsRoute, h.listItemsHandler)
  .openapi(r.createItemRoute, h.createItemHandler)
  .openapi(r.reportRoute, h.reportHandler)
  .openapi(r.proposalsRoute, h.proposalsHandler)
  .openapi(r.createFromEvaluationRoute, h.createFromEvaluationHandler)
  .openapi(r.getItemRoute, h.getItemHandler)
  .openapi(r.answerItemRoute, h.answerItemHandler)
  .openapi(r.submitItemRoute, h.submitItemHandler)
  .openapi(r.acceptItemRoute, h.acceptItemHandler)
  .openapi(r.returnItemRoute, h.returnItemHandler)
  .openapi(r.uploadAttachmentRoute, h.uploadAttachmentHandler)
  .openapi(r.getAttachmentRoute, h.getAttachmentHandler)
  .openapi(r.deleteAttachmentRoute, h.deleteAttachmentHandler);
