/**
 * Layout recovery: any extracted text (Word text, PDF text, pdftotext -layout, a copied web page, pasted or
 * HTML-stripped text) becomes the neutral `SourceDocument` — paragraphs and tables with their source lines and
 * pages — before any recogniser looks at it. See README.md for the candidates and the scoring.
 *
 * Text with tabs is read first as today (text/word-text.ts or text/pdf-text.ts: the seeds' forms); the stretches
 * of it that those readers leave as paragraphs, and the whole of a text without tabs, are then read by every
 * other candidate, and the tables that fit the header vocabulary best are kept, without overlapping; the rest
 * stays paragraphs. Page furniture and placeholder rows are dropped, each with a note.
 */

import type { Block, DocumentNote, SourceDocument, Table } from "../model/table.ts";
import { buildTable, paragraph, stripBookmarks } from "../text/common.ts";
import { readPdfText } from "../text/pdf-text.ts";
import { readWordText } from "../text/word-text.ts";
import { matchHeader } from "../vocabulary/columns.ts";
import { pairsCandidate, pipeCandidate, spacedCandidate, streamCandidate, tokensCandidate } from "./candidates.ts";
import { continuedRowsCandidate } from "./continued-rows.ts";
import { drawnGridCandidate } from "./drawn-grid.ts";
import { clip, isPageMarker, type Line, prepare } from "./lines.ts";
import { gatherPipeLines } from "./pipe-lines.ts";
import type { Proposal } from "./proposal.ts";
import { runTogetherCandidate } from "./run-together.ts";
import { normaliseScript } from "./script.ts";
import { isPlaceholder } from "./shapes.ts";

export { headerScore } from "../vocabulary/columns.ts";
export { furnitureOf, type Line, prepare } from "./lines.ts";

export type CandidateName =
  | "word-text"
  | "pdf-text"
  | "pipe"
  | "pipe-cells"
  | "pipe-stream"
  | "stream"
  | "tokens"
  | "spaced"
  | "pairs"
  | "run-together"
  | "drawn-grid";

export interface LayoutExplanation {
  candidate: CandidateName | "paragraphs";
  /** Source lines (1-based, inclusive). */
  first: number;
  last: number;
  score: number;
  /** Known header columns of the table read. */
  known: number;
  rows: number;
  chosen: boolean;
  /** Why it was not kept, when it was not. */
  why?: string;
}

export interface LayoutOptions {
  /** Only these candidates (default: all). For tests and `--explain` comparisons. */
  candidates?: CandidateName[];
}

export interface LayoutResult {
  document: SourceDocument;
  explain: LayoutExplanation[];
}

type Reader = (lines: Line[], file: string) => Proposal[];

export const ALL_CANDIDATES: readonly CandidateName[] = [
  "word-text",
  "pdf-text",
  "pipe",
  "pipe-cells",
  "pipe-stream",
  "stream",
  "tokens",
  "spaced",
  "pairs",
  "run-together",
  "drawn-grid",
];

const READERS: [CandidateName, Reader][] = [
  ["pipe", pipeCandidate],
  // a grid continued from the page before, its header supplied from its rows' shape (proposed as pipe-cells)
  ["pipe", continuedRowsCandidate],
  ["stream", streamCandidate],
  ["tokens", tokensCandidate],
  ["spaced", spacedCandidate],
  ["pairs", pairsCandidate],
  ["run-together", runTogetherCandidate],
  ["drawn-grid", drawnGridCandidate],
];

/** A table is kept over paragraphs when its header names at least this many known columns (explicit forms: 0). */
const MIN_KNOWN = 3;
/** Lines with tabs needed to read a text in the tab forms. */
const MIN_TAB_LINES = 2;

function sniffTabs(lines: Line[]): "word-text" | "pdf-text" | undefined {
  let word = 0;
  let pdf = 0;
  for (const l of lines) {
    if (l.gone || !l.text.includes("\t")) continue;
    if (/^\t[^\t]*$/.test(l.text)) word += 1;
    else pdf += 1;
  }
  // A tab or two in a text without tab tables (a stray tab in a paragraph) is not a tab form.
  if (word + pdf < MIN_TAB_LINES) return undefined;
  return word >= pdf && word > 0 ? "word-text" : "pdf-text";
}

function acceptable(p: Proposal): string | undefined {
  const data = p.rows.length - (p.header >= 0 ? 1 : 0);
  if (data < 1) return "no data rows";
  if (p.candidate === "pipe") return p.rows.length >= 2 ? undefined : "fewer than two rows";
  if (p.candidate === "pairs") return p.known >= 1 ? undefined : "no form label";
  if (p.known < MIN_KNOWN) return `header names ${p.known} known columns (< ${MIN_KNOWN})`;
  if (p.score <= 2 * p.known) return "data rows fit the header badly";
  return undefined;
}

/** Reads any extracted text into paragraphs and tables, with an explanation of the readings tried. */
export function recoverLayout(given: string, file: string, opts: LayoutOptions = {}): LayoutResult {
  const script = normaliseScript(given, file);
  const text = script.text;
  const prep = prepare(text, file);
  const allowed = new Set<CandidateName>(opts.candidates ?? ALL_CANDIDATES);
  const explain: LayoutExplanation[] = [];
  const notes: DocumentNote[] = [...script.notes, ...prep.notes];
  const tabForm = sniffTabs(prep.lines);
  // cells a line with their `|` on lines of their own: gathered into the `cell |` lines the pipe readings know
  if (!tabForm) prep.lines = gatherPipeLines(prep.lines);
  let blocks: Block[];
  let format: SourceDocument["format"] = "pdf-text";
  // Regions: stretches of lines left to the other candidates, with the paragraph blocks they replace.
  let regions: { from: number; to: number }[];

  if (tabForm && allowed.has(tabForm)) {
    format = tabForm;
    const forTabs = withoutFurniture(text, prep.lines, tabForm === "pdf-text");
    const base = tabForm === "word-text" ? readWordText(forTabs, file) : readPdfText(forTabs, file);
    blocks = base.blocks;
    if (base.notes) notes.push(...base.notes);
    regions = [];
    let open: { from: number; to: number } | undefined;
    for (const b of blocks) {
      if (b.type === "table") {
        const rows = b.table.sourceRows ?? [];
        const m = matchHeader(b.table.rows[0]?.map((c) => c.text) ?? []);
        explain.push({
          candidate: tabForm,
          first: rows[0] ?? 0,
          last: rows[rows.length - 1] ?? 0,
          score: 2 * m.known + 0.5 * b.table.rows.length,
          known: m.known,
          rows: b.table.rows.length,
          chosen: true,
        });
        open = undefined;
        continue;
      }
      const row = b.location.row ?? 0;
      if (open) open.to = row;
      else {
        open = { from: row, to: row };
        regions.push(open);
      }
    }
  } else {
    blocks = [];
    regions = [{ from: 1, to: prep.lines.length }];
  }

  const chosen: Proposal[] = [];
  for (const r of regions) {
    const lines = prep.lines.slice(r.from - 1, r.to);
    const proposals: Proposal[] = [];
    for (const [name, read] of READERS) {
      if (!allowed.has(name) && !(name === "pipe" && (allowed.has("pipe-cells") || allowed.has("pipe-stream"))))
        continue;
      try {
        proposals.push(...read(lines, file).filter((p) => allowed.has(p.candidate as CandidateName)));
      } catch {
        // A candidate that fails reads nothing: the others (and the paragraphs) still do.
      }
    }
    proposals.sort((a, b) => b.score - a.score || a.first - b.first);
    const taken: Proposal[] = [];
    const used = new Uint8Array(r.to - r.from + 2);
    const overlaps = (p: Proposal) => {
      for (let n = Math.max(p.first, r.from); n <= Math.min(p.last, r.to); n++) if (used[n - r.from]) return true;
      return false;
    };
    for (const p of proposals) {
      const why = acceptable(p) ?? (overlaps(p) ? "overlaps a better reading" : undefined);
      if (why === undefined)
        for (let n = Math.max(p.first, r.from); n <= Math.min(p.last, r.to); n++) used[n - r.from] = 1;
      explain.push({
        candidate: p.candidate as CandidateName,
        first: p.first,
        last: p.last,
        score: round(p.score),
        known: p.known,
        rows: p.rows.length,
        chosen: why === undefined,
        ...(why ? { why } : {}),
      });
      if (why === undefined) taken.push(p);
    }
    chosen.push(...taken);
  }

  blocks = assemble(blocks, chosen, prep, file, tabForm !== undefined && allowed.has(tabForm), notes);
  for (const p of chosen) notes.push(...p.notes);
  renumber(blocks, notes);
  const covered = chosen.map((p) => [p.first, p.last] as const);
  explain.push(...paragraphStretches(blocks, covered));
  explain.sort((a, b) => a.first - b.first || Number(b.chosen) - Number(a.chosen) || b.score - a.score);
  const document: SourceDocument = { file, format, blocks };
  const cut = cutCellLine(prep.lines, chosen);
  if (cut !== undefined) document.cutCell = cut;
  if (notes.length > 0) document.notes = sortNotes(notes);
  return { document, explain };
}

/**
 * The text for the tab readers: furniture lines emptied, their form feeds kept; for PDF text a page marker
 * becomes a form feed (the PDF reader counts pages by them).
 */
function withoutFurniture(text: string, lines: Line[], markPages: boolean): string {
  if (!lines.some((l) => l.gone)) return text;
  const raw = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return raw
    .split(/\r\n|\r|\n/)
    .map((t, i) => {
      if (!lines[i]?.gone) return t;
      const feeds = (t.match(/\f/g) ?? []).length;
      return "\f".repeat(feeds > 0 ? feeds : markPages && isPageMarker(t) ? 1 : 0);
    })
    .join("\n");
}

/**
 * The text's last line when it is a cell the end of the text cut: inside a table read, without a `|` of its own
 * while the line before it ends with its cell's `|` (`围绕…需求 |` then `解`) — or a pipe row left open on a bare number
 * (`| 成本指标 | 补助标准 | 15`) where the two rows before it are closed by their `|`, as every row of the table is
 * written: a value cut inside its digits or before its unit (1500 元/学期), which no reading can tell from a whole one.
 */
function cutCellLine(lines: Line[], chosen: Proposal[]): number | undefined {
  const live = lines.filter((l) => !l.gone && l.text.trim() !== "");
  const last = live[live.length - 1];
  const before = live[live.length - 2];
  const earlier = live[live.length - 3];
  if (!last || !before) return undefined;
  const closed = (l: Line | undefined) => l !== undefined && /[|｜]\s*$/.test(l.text);
  const cell = !/[|｜]/.test(last.text) && /[^|｜\s]\s*[|｜]\s*$/.test(before.text);
  const openRow = /[|｜]\s*\d+\s*$/.test(last.text) && closed(before) && closed(earlier);
  if (!cell && !openRow) return undefined;
  return chosen.some((p) => p.first <= last.no && last.no <= p.last) ? last.no : undefined;
}

/** Puts the chosen tables in place of the lines they cover; the other lines of the regions stay paragraphs. */
function assemble(
  base: Block[],
  chosen: Proposal[],
  prep: ReturnType<typeof prepare>,
  file: string,
  fromTabs: boolean,
  notes: DocumentNote[],
): Block[] {
  const byLine = new Map<number, Proposal>();
  for (const p of chosen) for (let n = p.first; n <= p.last; n++) byLine.set(n, p);
  const inTable = (row: number) => byLine.get(row);
  const tableBlock = (p: Proposal): Block => {
    const table: Table = buildTable(file, 0, p.rows);
    if (prep.paged) table.location.page = prep.lines[p.first - 1]?.page ?? 1;
    return { type: "table", table };
  };
  const out: Block[] = [];
  const placed = new Set<Proposal>();
  const paragraphAt = (no: number): Block | undefined => {
    const l = prep.lines[no - 1]!;
    if (l.gone) return undefined;
    const t = stripBookmarks(l.text).trim();
    if (t === "") return undefined;
    if (isPlaceholder(t)) {
      notes.push({
        text: {
          zh: `第 ${no} 行是占位内容，已略去：${clip(t, 12)}`,
          en: `Line ${no} is a placeholder and was left out`,
        },
        location: { file, row: no },
      });
      return undefined;
    }
    const b = paragraph(file, t, no);
    if (prep.paged && b.type === "paragraph") b.location.page = l.page;
    return b;
  };
  if (fromTabs) {
    for (const b of base) {
      if (b.type === "paragraph") {
        const p = inTable(b.location.row ?? 0);
        if (p) {
          if (!placed.has(p)) {
            placed.add(p);
            out.push(tableBlock(p));
          }
          continue;
        }
      }
      out.push(b);
    }
    return out;
  }
  for (const l of prep.lines) {
    const p = inTable(l.no);
    if (p) {
      if (!placed.has(p)) {
        placed.add(p);
        if (p.before) {
          const b = paragraph(file, p.before, p.first);
          if (prep.paged && b.type === "paragraph") b.location.page = l.page;
          out.push(b);
        }
        out.push(tableBlock(p));
        if (p.after) {
          const b = paragraph(file, p.after, p.last);
          if (prep.paged && b.type === "paragraph") b.location.page = l.page;
          out.push(b);
        }
      }
      continue;
    }
    const b = paragraphAt(l.no);
    if (b) out.push(b);
  }
  return out;
}

/** Numbers the tables in order (1-based) and moves the readers' notes that name a table along. */
function renumber(blocks: Block[], notes: DocumentNote[]): void {
  const moved = new Map<number, number>();
  let n = 0;
  for (const b of blocks) {
    if (b.type !== "table") continue;
    n += 1;
    const old = b.table.location.table;
    if (old !== undefined && old !== 0 && old !== n) moved.set(old, n);
    b.table.location.table = n;
  }
  if (moved.size === 0) return;
  for (const note of notes) {
    const t = note.location?.table;
    if (t !== undefined && moved.has(t)) note.location!.table = moved.get(t)!;
  }
}

function paragraphStretches(blocks: Block[], covered: (readonly [number, number])[]): LayoutExplanation[] {
  const out: LayoutExplanation[] = [];
  let cur: LayoutExplanation | undefined;
  for (const b of blocks) {
    if (b.type === "table") {
      cur = undefined;
      continue;
    }
    const row = b.location.row ?? 0;
    if (covered.some(([a, z]) => row >= a && row <= z)) continue;
    if (cur) cur.last = row;
    else {
      cur = { candidate: "paragraphs", first: row, last: row, score: 0, known: 0, rows: 0, chosen: true };
      out.push(cur);
    }
    cur.rows += 1;
  }
  return out;
}

function sortNotes(notes: DocumentNote[]): DocumentNote[] {
  return notes
    .map((n, i) => [n, i] as const)
    .sort((a, b) => (a[0].location?.row ?? 0) - (b[0].location?.row ?? 0) || a[1] - b[1])
    .map(([n]) => n);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Prints the explanation, one reading a line (for `--explain`). */
export function formatExplanation(explain: LayoutExplanation[]): string {
  return explain
    .map(
      (e) =>
        `${e.chosen ? "✓" : "·"} ${e.candidate.padEnd(10)} 第 ${e.first}–${e.last} 行 lines ${e.first}-${e.last}  score ${e.score}  known ${e.known}  rows ${e.rows}${e.why ? `  (${e.why})` : ""}`,
    )
    .join("\n");
}
