/** The server package's public surface. */

export { type RecoveredAccount, type RecoveryOperator, recoverAdminAccount } from "./accounts/recovery.ts";
export { type Anchor, type ChainReport, parseAnchor, verifyAuditChain } from "./audit/chain.ts";
export { backup, restore } from "./backup/backup.ts";
export { type DatabaseHandle, type Db, MIGRATIONS_FOLDER, type OpenOptions, openDatabase } from "./db/open.ts";
export { DEMO_PASSWORD, loadDemo } from "./demo/seed.ts";
export { createApp } from "./http/app.ts";
export { DEFAULT_SETTINGS, type Deps, type Settings } from "./http/context.ts";
export { type WebhookSettings, webhookFromEnv } from "./notifications/webhook.ts";
export { type RunningServer, type ServerOptions, startServer } from "./server.ts";
