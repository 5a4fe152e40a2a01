/** Figures read from Chinese sentences, with where they are: amounts, percentages, changes, counts. */
export {
  type FoundAmount,
  type FoundPercent,
  fenOfNumber,
  findAmounts,
  findPercents,
  type NarrativeUnit,
} from "./amounts.ts";
export {
  type Direction,
  type FoundChange,
  type FoundReference,
  findChanges,
  findReferences,
  percentOfChange,
  priorFromChange,
} from "./comparisons.ts";
export { type FoundCount, findCounts } from "./counts.ts";
export { normalizeNarrative, readCount } from "./normalize.ts";
export { locate, type Passage, passageOf, passageOfLines } from "./passage.ts";
