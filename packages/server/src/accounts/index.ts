import { createRouter } from "../http/router.ts";
import * as ah from "./accounts.handlers.ts";
import * as ar from "./accounts.routes.ts";
import { loginHandler, logoutHandler, passwordHandler, sessionHandler } from "./auth.handlers.ts";
import { loginRoute, logoutRoute, passwordRoute, sessionRoute } from "./auth.routes.ts";

export const authRouter = createRouter()
  .openapi(loginRoute, loginHandler)
  .openapi(sessionRoute, sessionHandler)
  .openapi(logoutRoute, logoutHandler)
  .openapi(passwordRoute, passwordHandler);

export const accountsRouter = createRouter()
  .openapi(ar.listAccountsRoute, ah.listAccountsHandler)
  .openapi(ar.createAccountRoute, ah.createAccountHandler)
  .openapi(ar.grantRoleRoute, ah.grantRoleHandler)
  .openapi(ar.revokeRoleRoute, ah.revokeRoleHandler)
  .openapi(ar.unlockAccountRoute, ah.unlockAccountHandler)
  .openapi(ar.resetPasswordRoute, ah.resetPasswordHandler)
  .openapi(ar.setDisabledRoute, ah.setDisabledHandler);
