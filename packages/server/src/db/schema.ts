/** Every table, for Drizzle and drizzle-kit. */
export * from "../accounts/schema.ts";
export * from "../audit/schema.ts";
export * from "../budgets/schema.ts";
export * from "../carry/schema.ts";
export * from "../duties/schema.ts";
export * from "../evaluations/schema.ts";
export * from "../imports/schema.ts";
export * from "../indicators/schema.ts";
export * from "../jobs/schema.ts";
export * from "../library/schema.ts";
export * from "../monitoring/schema.ts";
export * from "../orgs/schema.ts";
export * from "../projects/schema.ts";
export * from "../publications/schema.ts";
export * from "../review/schema.ts";
export * from "../workflow/schema.ts";
export * from "../years/schema.ts";
