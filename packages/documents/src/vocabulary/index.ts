export * from "./columns.ts";
export * from "./form-labels.ts";
