/**
 * Text extracted from Word (e.g. by docx2txt / pandoc plain): a table row's cells come one per line, each line
 * starting with a tab; rows are separated by a blank line; a line without a leading tab right after a cell
 * continues that cell (a cell with several paragraphs); paragraphs outside tables are lines without tabs.
 *
 * A cell may also end with empty paragraphs, which show as blank lines inside a row (seed 004's
 * 「系统运行维护响应时间」 row). A row that is shorter than the row before it is therefore joined with the
 * following short pieces when together they make exactly the width of the row before.
 */
import type { Block, DocumentNote, SourceDocument } from "../model/table.ts";
import { buildTable, paragraph, splitLines, stripBookmarks, trimCell } from "./common.ts";

interface Group {
  cells: string[];
  line: number;
  pieces?: number;
}

export function readWordText(text: string, file: string): SourceDocument {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  const notes: DocumentNote[] = [];
  let groups: Group[] | null = null;
  let blank = 0;
  let tableCount = 0;

  const closeTable = () => {
    if (!groups) return;
    const joined = joinBrokenRows(groups);
    for (const g of joined) {
      if (g.pieces > 1)
        notes.push({
          text: {
            zh: `第 ${g.line} 行起的表格行被空行分成 ${g.pieces} 段（单元格内的空段落），已按表格宽度合并为一行`,
            en: `The table row from line ${g.line} was split by blank lines into ${g.pieces} pieces (empty paragraphs in a cell); joined to the table's width`,
          },
          location: { file, table: tableCount + 1, row: g.line },
        });
    }
    const rows = joined.map((g) => ({ cells: g.cells.map(trimCell), line: g.line }));
    tableCount += 1;
    blocks.push({ type: "table", table: buildTable(file, tableCount, rows) });
    groups = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line === "") {
      blank += 1;
      continue;
    }
    if (line.startsWith("\t")) {
      const cell = line.slice(1);
      if (!groups) {
        groups = [{ cells: [cell], line: lineNo }];
      } else if (blank > 0) {
        groups.push({ cells: [cell], line: lineNo });
      } else {
        groups[groups.length - 1]!.cells.push(cell);
      }
      blank = 0;
      continue;
    }
    // A line without a leading tab.
    if (groups && blank === 0) {
      const last = groups[groups.length - 1]!;
      last.cells[last.cells.length - 1] += `\n${line}`;
      continue;
    }
    closeTable();
    blank = 0;
    const t = stripBookmarks(line).trim();
    if (t !== "") blocks.push(paragraph(file, t, lineNo));
  }
  closeTable();
  const doc: SourceDocument = { file, format: "word-text", blocks };
  if (notes.length > 0) doc.notes = notes;
  return doc;
}

/** Joins a short row with the pieces after it when they complete the width of the row before. */
function joinBrokenRows(groups: Group[]): (Group & { pieces: number })[] {
  const out: (Group & { pieces: number })[] = [];
  let i = 0;
  while (i < groups.length) {
    const g = groups[i]!;
    const ref = out.length > 0 ? out[out.length - 1]!.cells.length : undefined;
    if (ref !== undefined && g.cells.length < ref) {
      let sum = g.cells.length;
      let j = i + 1;
      while (j < groups.length && sum < ref) {
        sum += groups[j]!.cells.length;
        j += 1;
      }
      if (sum === ref && j > i + 1) {
        const cells = groups.slice(i, j).flatMap((x) => x.cells);
        out.push({ cells, line: g.line, pieces: j - i });
        i = j;
        continue;
      }
    }
    out.push({ ...g, pieces: 1 });
    i += 1;
  }
  return out;
}
