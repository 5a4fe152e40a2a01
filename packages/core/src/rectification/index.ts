/** Rectification (整改): the life cycle, its words, and the items proposed from a self-evaluation's shortfalls. */
export * from "./lifecycle.ts";
export * from "./propose.ts";
export * from "./types.ts";
