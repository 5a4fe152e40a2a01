/** In-year monitoring (双监控): time progress, execution to a cut-off, warnings, validation, year-end forecast. */
export * from "./forecast.ts";
export * from "./indicators.ts";
export * from "./progress.ts";
export * from "./types.ts";
export * from "./validate.ts";
export * from "./warning.ts";
