/**
 * The parsed form of a target text, stored beside the text. The parser lives in @jixiao/core; until core
 * exports it from its index, the parsed column stays NULL (the text is always kept).
 */
export function parsedTarget(text: string | null | undefined): unknown {
  if (!text) return null;
  return null;
}
