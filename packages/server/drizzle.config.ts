import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate --config packages/server/drizzle.config.ts` writes the SQL migrations that the
// server applies at start (both PGlite and PostgreSQL). Commit them; never edit an applied one.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/server/src/db/schema.ts",
  out: "./packages/server/drizzle",
});
