/** The parsed form of a target text (by @jixiao/core), stored beside the text as jsonb. The text is kept as written. */
import { parseTarget, type TargetValue } from "@jixiao/core";

export function parsedTarget(text: string | null | undefined, year: number): TargetValue | null {
  if (!text) return null;
  return parseTarget(text, { year });
}
