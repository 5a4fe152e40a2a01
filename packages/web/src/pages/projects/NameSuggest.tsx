/**
 * The 三级指标 cell's editor with the indicator library's suggestions (指标库, issue 17): an antd AutoComplete that
 * asks GET /library/suggestions while the unit types (after a short pause, the previous question cancelled) and
 * shows each entry's name, 二级, unit and typical target. Picking one fills the name (and 一级/二级 when empty) and
 * moves to 指标值. The grid's keys stay: Enter commits what is typed unless an entry was chosen with the arrows,
 * Escape first closes the list, arrows move within the list while it is open.
 */
import { AutoComplete, Tag } from "antd";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { type LibrarySuggestion, libraryEndpoints } from "../library/api.ts";

/** Wait this long after the last keystroke before asking (one request per pause, not per character). */
const PAUSE_MS = 200;

export interface NameEditorProps {
  orgId: string;
  value: string;
  zh: boolean;
  height: number;
  onChange(v: string): void;
  onCommit(v: string, dr: number, dc: number): void;
  onPick(s: LibrarySuggestion): void;
  onCancel(): void;
}

export function NameEditor(props: NameEditorProps) {
  const { orgId, value, zh } = props;
  const [items, setItems] = useState<LibrarySuggestion[]>([]);
  const [open, setOpen] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  // Enter, Tab, Escape or a pick end the edit once; the blur that follows does nothing.
  const done = useRef(false);
  const once =
    <A extends unknown[]>(f: (...a: A) => void) =>
    (...a: A) => {
      if (done.current) return;
      done.current = true;
      f(...a);
    };

  // Focused with the caret after what started the edit (a typed character, an input method's text), as the grid's
  // other editors are: what is typed next goes after it.
  useEffect(() => {
    const input = box.current?.querySelector("input");
    if (!input) return;
    input.focus();
    const n = input.value.length;
    input.setSelectionRange(n, n);
  }, []);

  useEffect(() => {
    if (!value.trim()) {
      setItems([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      libraryEndpoints
        .suggestions(orgId, value, abort.signal)
        .then((r) => setItems(r.items))
        .catch(() => {
          // suggestions are a help: a failed or cancelled question leaves the typing as it is
        });
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [orgId, value]);

  const listOpen = open && items.length > 0;
  const keys = (e: KeyboardEvent<HTMLElement>) => {
    e.stopPropagation();
    // the list's own keys (run before this handler): moving in it, or closing it
    if (listOpen && (e.key === "ArrowUp" || e.key === "ArrowDown")) return;
    if (listOpen && e.key === "Escape") {
      e.preventDefault();
      setOpen(false);
      return;
    }
    const v = (e.currentTarget as HTMLInputElement).value ?? value;
    if (e.key === "Enter") {
      e.preventDefault();
      once(props.onCommit)(v, 1, 0);
    } else if (e.key === "Tab") {
      e.preventDefault();
      once(props.onCommit)(v, 0, e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      once(props.onCancel)();
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      once(props.onCommit)(v, e.key === "ArrowUp" ? -1 : 1, 0);
    }
  };

  const options = items.map((s) => ({
    value: s.name,
    label: (
      <div data-testid="library-suggestion" style={{ display: "flex", gap: 6, alignItems: "center", fontSize: 13 }}>
        <span style={{ fontWeight: 600 }}>{s.name}</span>
        {s.mark === "recommended" && <Tag color="green">{zh ? "推荐" : "recommended"}</Tag>}
        {s.level2 && <Tag>{s.level2}</Tag>}
        {s.unit && <span style={{ color: "#888" }}>{s.unit}</span>}
        {s.typicalTarget && (
          <span style={{ color: "#1f5fbf", marginLeft: "auto" }}>
            {zh ? "常见 " : "typical "}
            {s.typicalTarget}
          </span>
        )}
        <span style={{ color: "#aaa" }}>×{s.uses}</span>
      </div>
    ),
  }));

  return (
    <div ref={box} style={{ width: "100%" }}>
      <AutoComplete
        value={value}
        options={options}
        open={listOpen}
        defaultActiveFirstOption={false}
        popupMatchSelectWidth={460}
        onOpenChange={(o) => setOpen(o)}
        onSearch={() => setOpen(true)}
        onChange={(v) => props.onChange(String(v ?? ""))}
        onSelect={(v) => {
          const s = items.find((x) => x.name === v);
          if (s) once(props.onPick)(s);
        }}
        onBlur={(e) => once(props.onCommit)((e.target as HTMLInputElement).value ?? value, 0, 0)}
        onKeyDown={keys}
        style={{ width: "100%" }}
      >
        <input
          data-testid="cell-editor"
          aria-label={zh ? "三级指标（输入时提示指标库中的指标）" : "Indicator (the library suggests while you type)"}
          style={{ width: "100%", height: props.height, border: "none", outline: "none", fontSize: 13 }}
        />
      </AutoComplete>
    </div>
  );
}
