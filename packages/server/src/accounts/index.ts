import { createRouter } from "../http/router.ts";
import { loginHandler, logoutHandler, passwordHandler, sessionHandler } from "./auth.handlers.ts";
import { loginRoute, logoutRoute, passwordRoute, sessionRoute } from "./auth.routes.ts";

export const authRouter = createRouter()
  .openapi(loginRoute, loginHandler)
  .openapi(sessionRoute, sessionHandler)
  .openapi(logoutRoute, logoutHandler)
  .openapi(passwordRoute, passwordHandler);
