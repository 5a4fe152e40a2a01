/**
 * The four-tier rows of seeds 000 and 001, read straight from the seed text (one cell per line; rows end at
 * a blank line): the last five cells of a 9-cell row are 绩效指标, 优, 良, 中, 差.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface SeedTierRow {
  seed: string;
  indicator: string;
  cells: [string, string, string, string];
}

const SEEDS = join(import.meta.dirname, "../../../../fixtures/seeds");

export function seedTierRows(prefix: "000" | "001"): SeedTierRow[] {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`));
  if (!file) throw new Error(`seed ${prefix} not found`);
  const text = readFileSync(join(SEEDS, file), "utf8");
  const rows: SeedTierRow[] = [];
  for (const block of text.split(/\n[ \u3000]*\n/)) {
    const cells = block
      .split("\n")
      .filter((l) => l.startsWith("\t"))
      .map((l) => l.slice(1));
    if (cells.length !== 9) continue;
    const [indicator = "", a = "", b = "", c = "", d = ""] = cells.slice(-5);
    if (indicator === "绩效指标" || (a === "优" && b === "良")) continue;
    if (indicator.trim() === "" && [a, b, c, d].every((x) => x.trim() === "")) continue;
    rows.push({ seed: prefix, indicator, cells: [a, b, c, d] });
  }
  return rows;
}
