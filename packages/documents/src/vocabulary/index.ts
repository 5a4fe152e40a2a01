export * from "./columns.ts";
export * from "./form-labels.ts";
export * from "./funds-labels.ts";
export * from "./row-labels.ts";
