import { createRouter } from "../http/router.ts";
import * as h from "./review.handlers.ts";
import * as r from "./review.routes.ts";

export const reviewRouter = createRouter()
  .openapi(r.runReviewRoute, h.runReviewHandler)
  .openapi(r.decideReviewRoute, h.decideReviewHandler);
