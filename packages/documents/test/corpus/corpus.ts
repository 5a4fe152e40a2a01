/**
 * The corpus (fixtures/corpus/): real public documents of many provinces, each with a manifest of the figures
 * verified by hand. `readCorpus` lists them; `figuresOf` reduces an import result to the manifest's terms, so that
 * the corpus test and docs/corpus.md (scripts/corpus-report.ts) compare the same things.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Amount, ImportResult, NarrativeFigure } from "../../src/import/index.ts";

export const CORPUS = join(import.meta.dirname, "../../../../fixtures/corpus");

export interface Manifest {
  id: string;
  file: string;
  heldOut: boolean;
  source: { url: string; publisher?: string; title?: string };
  province: string;
  year: number;
  trafficPolice: boolean;
  kind: string;
  layout: string;
  truncated?: boolean;
  scheme?: string;
  figures: Record<string, unknown>;
  mistakes?: { what: string; where?: string }[];
  notes?: string;
}

export function readCorpus(): { manifest: Manifest; text: string }[] {
  return readdirSync(join(CORPUS, "manifest"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest", f), "utf8")) as Manifest;
      return { manifest, text: readFileSync(join(CORPUS, manifest.file), "utf8") };
    });
}

/** The figures a manifest may state and the import can reproduce (names, units and organisations are not compared). */
export const COMPARED = [
  "initialBudgetYuan",
  "budgetYuan",
  "executedYuan",
  "statedRate",
  "indicators",
  "weightsSum",
  "statedTotal",
  "projectsStated",
  "projectsNamed",
] as const;
export const THREE_PUBLIC_COMPARED = [
  "totalYuan",
  "abroadYuan",
  "receptionYuan",
  "vehicleYuan",
  "vehiclePurchaseYuan",
  "vehicleRunningYuan",
  "priorTotalYuan",
] as const;

const yuan = (a: Amount | undefined): string | undefined => a?.yuan;
const nonZero = (a: Amount | undefined) => a?.fen !== undefined && a.fen !== "0";
const fig = (f: NarrativeFigure | undefined) => f?.amount.yuan;

/** Decimal text compared as numbers (`92` = `92.00`), exactly. */
export function sameNumber(a: string, b: string): boolean {
  const norm = (s: string) => {
    const t = s.trim().replace(/[%％]$/, "");
    if (!/^-?\d+(\.\d+)?$/.test(t)) return t;
    const [w, f = ""] = t.split(".");
    const frac = f.replace(/0+$/, "");
    return `${BigInt(w!)}${frac ? `.${frac}` : ""}`;
  };
  return norm(a) === norm(b);
}

function sumWeights(ws: (string | undefined)[]): string | undefined {
  const known = ws.filter((w): w is string => w !== undefined && /^-?\d+(\.\d+)?$/.test(w));
  if (known.length === 0) return undefined;
  // exact: hundredths are enough for points written with up to two decimals; longer ones are scaled
  const scale = Math.max(...known.map((w) => (w.split(".")[1] ?? "").length));
  const total = known.reduce((acc, w) => {
    const [i, f = ""] = w.split(".");
    return acc + BigInt(`${i}${f.padEnd(scale, "0")}`);
  }, 0n);
  const s = total.toString().padStart(scale + 1, "0");
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/** The result's figures in the manifest's terms, for the manifest's kind. */
export function figuresOf(r: ImportResult, kind: string, want: { name?: unknown } = {}): Record<string, unknown> {
  const d = r.document;
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  switch (kind) {
    case "project-self-evaluation": {
      // the project the manifest names (a page may hold several), else the first
      const p = d.projectSelfEvaluations.find((x) => x.name === want.name) ?? d.projectSelfEvaluations[0];
      if (!p) break;
      // the total line (年度资金总额), or the first line stating a budget when the total is left 0 or blank
      const line = p.funds.find((f) => nonZero(f.budget)) ?? p.funds[0];
      put("initialBudgetYuan", yuan(line?.initial));
      put("budgetYuan", yuan(line?.budget));
      put("executedYuan", yuan(line?.executed));
      // the rate the form states is its total line's, even when that line's amounts were left 0
      put("statedRate", (p.funds[0]?.rate ?? line?.rate)?.percent);
      put("indicators", p.indicators.length);
      put("weightsSum", sumWeights(p.indicators.map((i) => i.weight?.value)));
      put("statedTotal", p.totalScore?.value);
      break;
    }
    case "project-goals": {
      // the project the manifest names (a page may list several), else the first
      const p = d.projects.find((x) => x.name === want.name) ?? d.projects[0];
      if (!p) break;
      put("budgetYuan", yuan(p.budget));
      put("indicators", p.indicators.length);
      put("weightsSum", sumWeights(p.indicators.map((i) => i.weight?.value)));
      break;
    }
    case "department-self-evaluation": {
      const e = d.departmentSelfEvaluation;
      if (!e) break;
      put("initialBudgetYuan", yuan(e.budget?.initial));
      put("budgetYuan", yuan(e.budget?.budget) ?? yuan(e.report?.budget));
      put("executedYuan", yuan(e.budget?.executed) ?? yuan(e.report?.executed));
      put("statedRate", e.budget?.rate?.percent ?? e.report?.rate?.percent);
      put("indicators", e.indicators.length);
      put("weightsSum", sumWeights(e.indicators.map((i) => i.weight?.value)));
      put("statedTotal", e.totalScore?.value);
      break;
    }
    case "department-expenditure-self-evaluation": {
      const e = d.departmentExpenditureEvaluation;
      if (!e) break;
      const total = e.budgetRows.find((x) => x.category === "total");
      put("initialBudgetYuan", yuan(total?.initial));
      put("budgetYuan", yuan(total?.budget));
      put("executedYuan", yuan(total?.executed));
      put("indicators", e.indicators.length);
      break;
    }
    case "evaluation-report": {
      const e = d.evaluationReport;
      if (!e) break;
      put("initialBudgetYuan", fig(e.initialBudget));
      put("budgetYuan", fig(e.budget));
      put("executedYuan", fig(e.executed));
      put("statedRate", e.rate?.percent.percent);
      put("statedTotal", e.score?.value.value);
      put("weightsSum", sumWeights(e.sections.map((x) => x.points?.value)));
      put("projectsStated", e.projectCount?.stated);
      put("projectsNamed", e.projectCount ? e.projectNames.length : undefined);
      break;
    }
    default:
      break;
  }
  return out;
}

/** The 三公 figures of the statement the manifest names (basis and year), in the manifest's terms. */
export function threePublicOf(r: ImportResult, want: { basis?: string; year?: number }): Record<string, string> {
  const statements = r.document.threePublic?.statements ?? [];
  const s =
    statements.find((x) => x.basis === want.basis && (want.year === undefined || x.year === want.year)) ??
    statements.find((x) => x.basis === want.basis);
  const out: Record<string, string> = {};
  if (!s) return out;
  const items: [string, keyof typeof s.items][] = [
    ["totalYuan", "total"],
    ["abroadYuan", "abroad"],
    ["receptionYuan", "reception"],
    ["vehicleYuan", "vehicle"],
    ["vehiclePurchaseYuan", "vehiclePurchase"],
    ["vehicleRunningYuan", "vehicleRunning"],
  ];
  for (const [k, item] of items) {
    const v = fig(s.items[item]?.figure);
    if (v !== undefined) out[k] = v;
  }
  const prior = s.items.total?.prior;
  if (prior) out.priorTotalYuan = prior.amount.yuan ?? "";
  return out;
}

export interface Outcome {
  id: string;
  kind: string;
  recognised: boolean;
  readAs: string[];
  /** Figure → [expected, read] for every figure the manifest states. */
  figures: Record<string, [string, string | undefined]>;
  reproduced: boolean;
  coverage: string;
  sufficient: boolean;
}

/** Compares one document's import with its manifest. */
export function compare(m: Manifest, r: ImportResult): Outcome {
  const figures: Outcome["figures"] = {};
  const read = figuresOf(r, m.kind, m.figures);
  for (const k of COMPARED) {
    const want = m.figures[k];
    if (want === undefined || want === null) continue;
    const got = read[k];
    figures[k] = [String(want), got === undefined ? undefined : String(got)];
  }
  const tp = m.figures.threePublic as Record<string, unknown> | undefined;
  if (tp && typeof tp === "object") {
    const got = threePublicOf(r, { basis: tp.basis as string, year: tp.year as number | undefined });
    for (const k of THREE_PUBLIC_COMPARED) {
      const want = tp[k];
      if (want === undefined || want === null) continue;
      figures[`threePublic.${k}`] = [String(want), got[k]];
    }
  }
  const recognised = (r.kinds as string[]).includes(m.kind);
  const reproduced =
    recognised && Object.values(figures).every(([want, got]) => got !== undefined && sameNumber(want, got));
  return {
    id: m.id,
    kind: m.kind,
    recognised,
    readAs: r.kinds,
    figures,
    reproduced,
    coverage: r.coverage.share,
    sufficient: r.coverage.sufficient,
  };
}
