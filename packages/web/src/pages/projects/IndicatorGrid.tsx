import { Tag, Tooltip } from "antd";
import {
  type ClipboardEvent,
  type CompositionEvent,
  type FormEvent,
  type KeyboardEvent,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import {
  FindingsPanel,
  type ReviewFinding,
  type ReviewType,
  RowFindings,
  useFindings,
} from "../../components/findings/index.ts";
import { useI18n } from "../../i18n.tsx";
import { normaliseIndicatorName, parseTarget, renderTarget } from "../../lib/rules.ts";
import type { LibrarySuggestion } from "../library/api.ts";
import {
  COLUMNS,
  type Column,
  emptyRow,
  type GridRow,
  isBlank,
  level2Names,
  parseClipboardBlock,
  pasteBlock,
  rowProblems,
  STANDARD_TREE,
} from "./gridModel.ts";
import { NameEditor } from "./NameSuggest.tsx";

const ROW_H = 34;
const VIEW_H = 408;
const WIDTH: Record<Column | "no" | "understood", number> = {
  no: 64,
  level1: 118,
  level2: 150,
  name: 250,
  targetText: 170,
  understood: 250,
  weight: 70,
};
const KIND_TEXT: Record<string, [string, string]> = {
  numeric: ["数值", "number"],
  range: ["区间", "range"],
  deadline: ["期限", "deadline"],
  frequency: ["频次", "frequency"],
  qualitative: ["定性", "words"],
};

/** The target as core understood it: kind and canonical rendering (never re-parsed here). */
const Understood = memo(function Understood({ text, zh }: { text: string; zh: boolean }) {
  if (!text.trim()) return null;
  const v = parseTarget(text);
  const shown = renderTarget(v);
  return (
    <Tooltip title={v.note}>
      <span>
        <Tag color={v.kind === "qualitative" ? "default" : "blue"} style={{ marginRight: 4 }}>
          {KIND_TEXT[v.kind]?.[zh ? 0 : 1] ?? v.kind}
        </Tag>
        {shown}
      </span>
    </Tooltip>
  );
});

export interface IndicatorGridProps {
  rows: GridRow[];
  /** The rows as loaded (by id), to mark changed cells. */
  original: Map<string, GridRow>;
  readOnly: boolean;
  onChange(rows: GridRow[]): void;
  onUndo(): void;
  /**
   * The stored record whose automatic review is shown: the summary and list above the grid, a badge beside each
   * row a finding points to. Reviewed again whenever `original` changes (loaded or saved).
   */
  review?: { type: ReviewType; id: string };
  /** The organisation whose indicator library (指标库) suggests names while the 三级指标 cell is edited. */
  suggestOrgId?: string;
  /** Last year's target and actual by normalised indicator name (a carried-forward record), shown beside the target. */
  previous?: ReadonlyMap<string, PreviousValue>;
}

/** Last year's values of an indicator of the same name (GET /carry-forward). */
export interface PreviousValue {
  target: string | null;
  actual: string | null;
}

/** Last year's actual (and target) beside this year's target, so the unit sees whether it asks less. */
function Previous({ value, zh }: { value: PreviousValue; zh: boolean }) {
  if (!value.actual && !value.target) return null;
  const tip = zh
    ? `上年指标值：${value.target ?? "—"}；上年实际完成值：${value.actual ?? "—"}`
    : `Last year's target: ${value.target ?? "—"}; last year's actual: ${value.actual ?? "—"}`;
  return (
    <Tooltip title={tip}>
      <Tag color="gold" data-testid="previous-actual" style={{ marginLeft: "auto" }}>
        {zh ? "上年实际 " : "last year "}
        {value.actual ?? "—"}
      </Tag>
    </Tooltip>
  );
}

/** The column a finding's field is in (`target` → 指标值). */
const FIELD_COLUMN: Record<string, Column> = { target: "targetText", weight: "weight", name: "name" };

/**
 * The level-3 indicators as a spreadsheet: arrows, Enter (edit / commit and go down), Tab (right), Escape
 * (cancel), Delete (clear), typing starts editing, Ctrl+Z undoes, a block copied from Excel pastes from the
 * active cell (rows added as needed). Only the visible rows are drawn (a thousand rows stay fluid).
 */
export function IndicatorGrid({
  rows,
  original,
  readOnly,
  onChange,
  onUndo,
  review,
  suggestOrgId,
  previous,
}: IndicatorGridProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const findings = useFindings(review?.type, review?.id, original);
  const [active, setActive] = useState({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ value: string } | undefined>();
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // The grid's keyboard focus: a transparent input over the active cell. It takes what the keys do not say — a
  // character from a layout or a tool that sends text without a key (≥, ×, full-width signs), a Chinese input
  // method's composition — and that text starts the edit of the active cell.
  const typing = useRef<HTMLInputElement>(null);
  // One row more than the data: typing there adds a row.
  const shown = readOnly ? rows : [...rows, TAIL];

  const focusGrid = useCallback(() => (typing.current ?? box.current)?.focus({ preventScroll: true }), []);

  // Keep the active cell in view.
  useLayoutEffect(() => {
    const s = scroller.current;
    if (!s) return;
    const top = active.r * ROW_H;
    if (top < s.scrollTop) s.scrollTop = top;
    else if (top + ROW_H > s.scrollTop + VIEW_H) s.scrollTop = top + ROW_H - VIEW_H;
  }, [active.r]);

  const setCell = useCallback(
    (r: number, col: Column, value: string) => {
      const next = rows.slice();
      while (next.length <= r) next.push(emptyRow());
      const row = { ...next[r]!, [col]: value };
      // A level 1 that no longer holds the level 2: the level 2 is chosen again.
      if (col === "level1" && row.level2 && level2Names(value).length && !level2Names(value).includes(row.level2))
        row.level2 = "";
      next[r] = row;
      onChange(next);
    },
    [rows, onChange],
  );

  const move = useCallback(
    (dr: number, dc: number) => {
      setActive((a) => {
        let c = a.c + dc;
        let r = a.r + dr;
        if (c >= COLUMNS.length) {
          c = 0;
          r += 1;
        } else if (c < 0) {
          c = COLUMNS.length - 1;
          r -= 1;
        }
        r = Math.max(0, Math.min(shown.length - 1, r));
        return { r, c: Math.max(0, c) };
      });
    },
    [shown.length],
  );

  const commit = useCallback(
    (value: string) => {
      const col = COLUMNS[active.c]!;
      const cur = rows[active.r]?.[col] ?? "";
      if (value !== cur) setCell(active.r, col, value);
      setEditing(undefined);
    },
    [active, rows, setCell],
  );

  /** A library entry picked for the active row: its name, and 一级/二级 where the row has none; then 指标值. */
  const pick = useCallback(
    (s: LibrarySuggestion) => {
      const next = rows.slice();
      while (next.length <= active.r) next.push(emptyRow());
      const row = { ...next[active.r]!, name: s.name };
      if (!row.level1 && s.level1) row.level1 = s.level1;
      if (
        !row.level2 &&
        s.level2 &&
        (level2Names(row.level1).length === 0 || level2Names(row.level1).includes(s.level2))
      )
        row.level2 = s.level2;
      next[active.r] = row;
      onChange(next);
      setEditing(undefined);
      setActive((a) => ({ r: a.r, c: Math.min(COLUMNS.length - 1, COLUMNS.indexOf("targetText")) }));
    },
    [rows, active.r, onChange],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === "z" || e.key === "Z")) {
      e.preventDefault();
      if (!readOnly) onUndo();
      return;
    }
    if (mod) return; // copy, paste, select all: the browser's
    const col = COLUMNS[active.c]!;
    switch (e.key) {
      case "ArrowUp":
        e.preventDefault();
        return move(-1, 0);
      case "ArrowDown":
        e.preventDefault();
        return move(1, 0);
      case "ArrowLeft":
        e.preventDefault();
        return move(0, -1);
      case "ArrowRight":
        e.preventDefault();
        return move(0, 1);
      case "Tab":
        e.preventDefault();
        return move(0, e.shiftKey ? -1 : 1);
      case "Enter":
      case "F2":
        e.preventDefault();
        if (!readOnly) setEditing({ value: rows[active.r]?.[col] ?? "" });
        return;
      case "Delete":
      case "Backspace":
        e.preventDefault();
        if (!readOnly && rows[active.r]?.[col]) setCell(active.r, col, "");
        return;
      default:
        // A printable key (one character, astral ones too) starts the edit with it. A key that is part of a
        // composition ("Process") is left to the input method: its text arrives through the typing input.
        if (!readOnly && !e.nativeEvent.isComposing && [...e.key].length === 1 && textColumn(col)) {
          e.preventDefault();
          setEditing({ value: e.key });
        }
    }
  };

  /** Text that came without a printable key (or the end of a composition): the edit starts with it. */
  const startWith = (text: string) => {
    if (typing.current) typing.current.value = "";
    if (readOnly || editing || !text || !textColumn(COLUMNS[active.c]!)) return;
    setEditing({ value: text });
  };
  const onTypingInput = (e: FormEvent<HTMLInputElement>) => {
    if ((e.nativeEvent as InputEvent).isComposing) return;
    startWith(e.currentTarget.value);
  };
  const onCompositionEnd = (e: CompositionEvent<HTMLInputElement>) => startWith(e.currentTarget.value || e.data);

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (readOnly || editing) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const block = parseClipboardBlock(text.replace(/\r?\n$/, ""));
    onChange(pasteBlock(rows, active.r, active.c, block));
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 5);
  const last = Math.min(shown.length, Math.ceil((scrollTop + VIEW_H) / ROW_H) + 5);

  const headers: [keyof typeof WIDTH, string][] = [
    ["no", "#"],
    ["level1", zh ? "一级指标" : "Level 1"],
    ["level2", zh ? "二级指标" : "Level 2"],
    ["name", zh ? "三级指标" : "Indicator"],
    ["targetText", zh ? "指标值" : "Target"],
    ["understood", zh ? "理解为" : "Understood as"],
    ["weight", zh ? "分值" : "Points"],
  ];

  const rowOfFinding = (f: ReviewFinding) => (f.record ? rows.findIndex((x) => x.id === f.record!.id) : -1);
  const describe = (f: ReviewFinding): string | undefined => {
    const r = rowOfFinding(f);
    if (r >= 0) return zh ? `第 ${r + 1} 行「${rows[r]!.name}」` : `Row ${r + 1} "${rows[r]!.name}"`;
    if (f.record?.type === "budget_execution") return zh ? "执行监控" : "Monitoring";
    if (f.record?.type === "project") return zh ? "项目" : "Project";
    return undefined;
  };
  // A one-click fix (the scheme's points per indicator): the rows it names get their new points, as an edit.
  const applyFix = (f: ReviewFinding) => {
    const to = new Map(f.fix?.changes.flatMap((c) => (c.record ? [[c.record.id, c.to] as const] : [])) ?? []);
    if (to.size > 0) onChange(rows.map((r) => (r.id && to.has(r.id) ? { ...r, weight: to.get(r.id)! } : r)));
  };
  // A finding of the list: its row becomes the active cell (scrolled into view by the effect above).
  const select = (f: ReviewFinding) => {
    const r = rowOfFinding(f);
    if (r < 0) return;
    const field = String(f.location.field ?? "");
    setActive({ r, c: Math.max(0, COLUMNS.indexOf(FIELD_COLUMN[field] ?? "name")) });
    focusGrid();
  };

  return (
    <>
      {review && (
        <FindingsPanel
          type={review.type}
          findings={findings}
          describe={describe}
          onSelect={select}
          {...(readOnly ? {} : { onFix: applyFix })}
        />
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a spreadsheet grid (role grid, keyboard handled here) */}
      <div
        ref={box}
        role="grid"
        tabIndex={0}
        data-testid="indicator-grid"
        aria-readonly={readOnly}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onFocus={(e) => {
          if (e.target === box.current) focusGrid();
        }}
        style={{
          border: "1px solid #d9d9d9",
          outline: "none",
          fontSize: 13,
          background: "#fff",
          position: "relative",
        }}
      >
        <input
          ref={typing}
          data-testid="grid-typing"
          aria-label={zh ? "在当前单元格输入" : "Type into the active cell"}
          readOnly={readOnly}
          tabIndex={-1}
          autoComplete="off"
          onInput={onTypingInput}
          onCompositionEnd={onCompositionEnd}
          style={{
            position: "absolute",
            // over the active cell, so that an input method's candidate list opens beside it
            left: 0,
            top: ROW_H + active.r * ROW_H - scrollTop,
            width: 1,
            height: ROW_H,
            opacity: 0,
            border: 0,
            padding: 0,
            pointerEvents: "none",
          }}
        />
        <div style={{ display: "flex", background: "#fafafa", borderBottom: "1px solid #d9d9d9", fontWeight: 600 }}>
          {headers.map(([k, label]) => (
            <div key={k} style={{ ...cellStyle(k), height: ROW_H }}>
              {label}
            </div>
          ))}
        </div>
        <div
          ref={scroller}
          style={{ height: Math.min(VIEW_H, shown.length * ROW_H + 2), overflowY: "auto", position: "relative" }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div style={{ height: shown.length * ROW_H, position: "relative" }}>
            {shown.slice(first, last).map((row, i) => {
              const r = first + i;
              const orig = row.id ? original.get(row.id) : undefined;
              const problems = row === TAIL || isBlank(row) ? [] : rowProblems(row, zh);
              return (
                <div
                  key={row.key}
                  data-testid={`grid-row-${r}`}
                  style={{
                    display: "flex",
                    position: "absolute",
                    top: r * ROW_H,
                    height: ROW_H,
                    borderBottom: "1px solid #f0f0f0",
                  }}
                >
                  <div style={{ ...cellStyle("no"), color: "#999", gap: 4 }}>
                    {problems.length ? (
                      <Tooltip title={problems.join("；")}>
                        <span style={{ color: "#f5222d" }} data-testid={`row-problem-${r}`}>
                          {r + 1}!
                        </span>
                      </Tooltip>
                    ) : (
                      r + 1
                    )}
                    <RowFindings findings={row.id ? findings.byRow.get(row.id) : undefined} />
                  </div>
                  {COLUMNS.map((col, c) => {
                    const isActive = active.r === r && active.c === c;
                    const changed = row !== TAIL && (orig ? orig[col] !== row[col] : row[col] !== "");
                    const missing =
                      problems.length > 0 && (col === "level1" || col === "level2" || col === "name") && !row[col];
                    const cell = (
                      // biome-ignore lint/a11y/noStaticElementInteractions: the grid container takes the keyboard; a click picks the cell
                      <div
                        key={col}
                        data-active={isActive || undefined}
                        data-testid={`cell-${r}-${col}`}
                        onMouseDown={(e) => {
                          if (editing && isActive) return;
                          e.preventDefault();
                          if (editing) commit(editing.value);
                          setActive({ r, c });
                          focusGrid();
                        }}
                        onDoubleClick={() => !readOnly && setEditing({ value: row[col] })}
                        style={{
                          ...cellStyle(col),
                          background: missing ? "#fff1f0" : changed ? "#fffbe6" : undefined,
                          boxShadow: isActive ? "inset 0 0 0 2px #1f5fbf" : undefined,
                        }}
                      >
                        {isActive && editing ? (
                          <CellEditor
                            col={col}
                            row={row}
                            value={editing.value}
                            zh={zh}
                            {...(suggestOrgId ? { suggestOrgId } : {})}
                            onPick={(s) => {
                              pick(s);
                              focusGrid();
                            }}
                            onChange={(value) => setEditing({ value })}
                            onCommit={(value, dr, dc) => {
                              commit(value);
                              if (dr || dc) move(dr, dc);
                              focusGrid();
                            }}
                            onCancel={() => {
                              setEditing(undefined);
                              focusGrid();
                            }}
                          />
                        ) : (
                          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                            {row[col]}
                          </span>
                        )}
                      </div>
                    );
                    if (col !== "targetText") return cell;
                    return [
                      cell,
                      <div key="understood" style={{ ...cellStyle("understood"), color: "#555" }}>
                        <Understood text={row.targetText} zh={zh} />
                        {previous && row.name && previous.has(normaliseIndicatorName(row.name)) && (
                          <Previous value={previous.get(normaliseIndicatorName(row.name))!} zh={zh} />
                        )}
                      </div>,
                    ];
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}

/** The columns typed into (level 1 and 2 are picked from the standard tree). */
function textColumn(col: Column): boolean {
  return col !== "level1" && col !== "level2";
}

/** The row after the last: typing in it adds a row. */
const TAIL: GridRow = { key: "tail", level1: "", level2: "", name: "", targetText: "", weight: "" };

function cellStyle(k: keyof typeof WIDTH) {
  return {
    width: WIDTH[k],
    flex: `0 0 ${WIDTH[k]}px`,
    padding: "0 6px",
    display: "flex",
    alignItems: "center",
    borderRight: "1px solid #f0f0f0",
    overflow: "hidden",
    cursor: "cell",
    userSelect: "none" as const,
  };
}

function CellEditor(props: {
  col: Column;
  row: GridRow;
  value: string;
  zh: boolean;
  suggestOrgId?: string;
  onPick(s: LibrarySuggestion): void;
  onChange(v: string): void;
  onCommit(v: string, dr: number, dc: number): void;
  onCancel(): void;
}) {
  const { col, row, value, zh } = props;
  const ref = useRef<HTMLInputElement & HTMLSelectElement>(null);
  // Enter, Tab or Escape end the edit once; the blur that follows (focus back to the grid) does nothing.
  const done = useRef(false);
  const once =
    <A extends unknown[]>(f: (...a: A) => void) =>
    (...a: A) => {
      if (done.current) return;
      done.current = true;
      f(...a);
    };
  const onCommit = once(props.onCommit);
  const onCancel = once(props.onCancel);
  useEffect(() => {
    ref.current?.focus();
    if (ref.current instanceof HTMLInputElement) {
      const n = ref.current.value.length;
      ref.current.setSelectionRange(n, n);
    }
  }, []);
  const keys = (e: KeyboardEvent<HTMLElement>) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      onCommit((e.currentTarget as HTMLInputElement).value, 1, 0);
    } else if (e.key === "Tab") {
      e.preventDefault();
      onCommit((e.currentTarget as HTMLInputElement).value, 0, e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
    } else if (col !== "level1" && col !== "level2" && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      onCommit(value, e.key === "ArrowUp" ? -1 : 1, 0);
    }
  };
  const editorStyle = { width: "100%", height: ROW_H - 6, border: "none", outline: "none", fontSize: 13 };
  if (col === "name" && props.suggestOrgId) {
    return (
      <NameEditor
        orgId={props.suggestOrgId}
        value={value}
        zh={zh}
        height={ROW_H - 6}
        onChange={props.onChange}
        onCommit={props.onCommit}
        onPick={props.onPick}
        onCancel={props.onCancel}
      />
    );
  }
  if (col === "level1" || col === "level2") {
    const names = col === "level1" ? STANDARD_TREE.map((l) => l.name) : level2Names(row.level1);
    const options = value && !names.includes(value) ? [value, ...names] : names;
    return (
      <select
        ref={ref}
        data-testid="cell-editor"
        value={value}
        style={editorStyle}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={keys}
        onBlur={(e) => onCommit(e.target.value, 0, 0)}
      >
        <option value="">{zh ? "（请选择）" : "(choose)"}</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      ref={ref}
      data-testid="cell-editor"
      value={value}
      style={editorStyle}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={keys}
      onBlur={(e) => onCommit(e.target.value, 0, 0)}
    />
  );
}

export function useUndoable<T>(initial: T) {
  const [state, setState] = useState({ present: initial, past: [] as T[] });
  const set = useCallback(
    (next: T) => setState((s) => ({ present: next, past: [...s.past.slice(-199), s.present] })),
    [],
  );
  const undo = useCallback(
    () => setState((s) => (s.past.length ? { present: s.past[s.past.length - 1]!, past: s.past.slice(0, -1) } : s)),
    [],
  );
  const reset = useCallback((v: T) => setState({ present: v, past: [] }), []);
  return useMemo(
    () => ({ value: state.present, canUndo: state.past.length > 0, set, undo, reset }),
    [state, set, undo, reset],
  );
}
