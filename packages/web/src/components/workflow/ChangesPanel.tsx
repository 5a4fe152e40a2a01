import { diffVersions, type VersionDiff, type VersionRow, type VersionValue } from "@jixiao/core";
import { Card, Select, Space, Table, Tag, Typography } from "antd";
import { type HTMLAttributes, useEffect, useMemo, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { describeError } from "../../lib/errors.ts";
import { type FlowStep, type SnapshotInfo, type WorkflowArea, workflowEndpoints } from "./api.ts";
import { fieldName, STATE_TEXT, useFlowText } from "./texts.ts";
import { type ChangesView, CURRENT, defaultComparison, recordView } from "./versions.ts";

interface Line {
  key: string;
  kind: "added" | "removed" | "changed" | "field";
  item: string;
  /** The field as the record names it (its values are formatted by it). */
  field: string;
  /** The field as shown. */
  fieldText: string;
  before: VersionValue;
  after: VersionValue;
}

function linesOf(d: VersionDiff, view: ChangesView, lang: "zh" | "en"): Line[] {
  const label = (r: VersionRow) => (view.rowLabel ? view.rowLabel(r, lang) : r.name || r.level2 || "");
  const line = (
    key: string,
    kind: Line["kind"],
    item: string,
    field: string,
    before: VersionValue,
    after: VersionValue,
  ): Line => ({
    key,
    kind,
    item,
    field,
    fieldText: view.fieldLabel?.(field, lang) ?? fieldName(field, lang),
    before,
    after,
  });
  const summary = (r: VersionRow) => view.summaryField?.(r) ?? "targetText";
  return [
    ...d.fields.map((f, i) => line(`f${i}`, "field", "", f.field, f.before, f.after)),
    ...d.changed.flatMap((c, i) =>
      c.changes.map((x, j) => line(`c${i}-${j}`, "changed", label(c.after), x.field, x.before, x.after)),
    ),
    ...d.added.map((a, i) => {
      const f = summary(a.row);
      return line(`a${i}`, "added", label(a.row), f, undefined, a.row.values[f]);
    }),
    ...d.removed.map((r, i) => {
      const f = summary(r.row);
      return line(`r${i}`, "removed", label(r.row), f, r.row.values[f], undefined);
    }),
  ];
}

/** The error of a server without versions (said in the current language when shown). */
const UNAVAILABLE = "\u0000unavailable";

/** In a comparison: the approved version of another record (`baseline`), e.g. the revision a 预算调整 adjusts. */
const BASELINE = "baseline";

const KIND_COLOR = { added: "green", removed: "red", changed: "orange", field: "blue" } as const;

/**
 * 本次修改: what changed between two versions of the record — two frozen versions, or one and the record as it
 * is now — worked out by core's diffVersions (fields, and rows matched by id, else by their names). A record's
 * `fields` and indicator rows (projects, goals, self-evaluations), or a `view` of its own (a budget's sections).
 * With a `baseline` (another record of the same area: the approved revision an adjustment adjusts), its last
 * approved version can be compared too, and is by default unless the record came back with a return.
 */
export function ChangesPanel({
  area,
  id,
  current,
  fields,
  view: ownView,
  steps,
  baseline,
}: {
  area: WorkflowArea;
  id: string;
  /** The record as it is now, with its rows (indicators or items). */
  current: unknown;
  /** The record's history; a new list (the record was reloaded) lists the versions again. */
  steps: FlowStep[];
  /** Another record whose last approved version is offered for comparison, with its name in the list. */
  baseline?: { id: string; label: string } | undefined;
} & ({ fields: readonly string[]; view?: never } | { view: ChangesView; fields?: never })) {
  const { lang, zh, tx } = useFlowText();
  const [snapshots, setSnapshots] = useState<SnapshotInfo[]>();
  const [error, setError] = useState<string>();
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>(CURRENT);
  const [bodies, setBodies] = useState<Record<string, unknown>>({});
  const view = useMemo(() => ownView ?? recordView(fields ?? []), [ownView, fields]);

  const baselineId = baseline?.id;
  useEffect(() => {
    let live = true;
    const flow = workflowEndpoints(area);
    // The baseline's last approved version, or nothing (an older server, or none approved).
    const base = async (): Promise<(SnapshotInfo & { snapshot: unknown }) | undefined> => {
      if (!baselineId) return undefined;
      const approved = (await flow.snapshots(baselineId)).filter((s) => s.state === "approved");
      const last = approved.sort((a, b) => a.version - b.version).at(-1);
      return last && flow.snapshot(baselineId, last.id);
    };
    Promise.all([flow.snapshots(id), base().catch(() => undefined)]).then(
      ([own, b]) => {
        if (!live) return;
        const list = b ? [{ id: BASELINE, version: b.version, state: b.state, createdAt: b.createdAt }, ...own] : own;
        if (b) setBodies((x) => ({ ...x, [BASELINE]: b.snapshot }));
        setSnapshots(list);
        setError(undefined);
        const returned = steps.some((s) => s.action === "return");
        const d = b && !returned ? { from: BASELINE, to: CURRENT } : defaultComparison(own, steps);
        setFrom(d?.from);
        setTo(d?.to ?? CURRENT);
      },
      // An older server has no versions (404); anything else is said as it is.
      (e) => live && setError(e instanceof ApiError && e.status === 404 ? UNAVAILABLE : describeError(e, lang)),
    );
    return () => {
      live = false;
    };
  }, [area, id, lang, steps, baselineId]);

  useEffect(() => {
    for (const sid of [from, to]) {
      if (!sid || sid === CURRENT || sid in bodies) continue;
      workflowEndpoints(area)
        .snapshot(id, sid)
        .then(
          (s) => setBodies((b) => ({ ...b, [sid]: s.snapshot })),
          (e) => setError(describeError(e, lang)),
        );
    }
  }, [area, id, from, to, bodies, lang]);

  const diff = useMemo(() => {
    if (!from) return undefined;
    const a = bodies[from];
    const b = to === CURRENT ? current : bodies[to];
    if (a === undefined || b === undefined) return undefined;
    return diffVersions(view.version(a), view.version(b));
  }, [from, to, bodies, current, view]);

  const show = (field: string, v: VersionValue) =>
    v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? (
      <Typography.Text type="secondary">{tx("empty")}</Typography.Text>
    ) : (
      (view.format?.(field, v, lang) ?? String(v))
    );
  const label = (s: SnapshotInfo) =>
    s.id === BASELINE && baseline
      ? baseline.label
      : `${tx("version")} ${s.version} · ${STATE_TEXT[s.state]?.[zh ? 0 : 1] ?? s.state} · ${new Date(s.createdAt).toLocaleString(zh ? "zh-CN" : "en-GB")}`;
  const options = (snapshots ?? []).map((s) => ({ value: s.id, label: label(s) }));
  const kindText = {
    added: tx("added"),
    removed: tx("removed"),
    changed: tx("changed"),
    field: view.recordTag?.[zh ? 0 : 1] ?? tx("field"),
  };
  const lines = diff ? linesOf(diff, view, lang) : [];

  return (
    <Card
      size="small"
      title={tx("changes")}
      data-testid="wf-changes"
      extra={
        snapshots && snapshots.length > 0 ? (
          <Space size={4} wrap>
            <Typography.Text type="secondary">{tx("changesFrom")}</Typography.Text>
            <Select
              size="small"
              style={{ width: 260 }}
              value={from}
              options={options}
              onChange={setFrom}
              data-testid="wf-changes-from"
            />
            <Typography.Text type="secondary">{tx("changesTo")}</Typography.Text>
            <Select
              size="small"
              style={{ width: 260 }}
              value={to}
              options={[...options, { value: CURRENT, label: tx("current") }]}
              onChange={setTo}
              data-testid="wf-changes-to"
            />
          </Space>
        ) : undefined
      }
    >
      {error ? (
        <Typography.Text type="secondary" data-testid="wf-changes-error">
          {error === UNAVAILABLE ? tx("snapshotsUnavailable") : error}
        </Typography.Text>
      ) : !snapshots ? null : snapshots.length === 0 || !from ? (
        <Typography.Text type="secondary">{tx("noSnapshots")}</Typography.Text>
      ) : !diff ? null : lines.length === 0 ? (
        <Typography.Text type="secondary" data-testid="wf-no-changes">
          {tx("noChanges")}
        </Typography.Text>
      ) : (
        <Table<Line>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={lines}
          onRow={() => ({ "data-testid": "wf-change" }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: "kind",
              width: 80,
              render: (_, l) => <Tag color={KIND_COLOR[l.kind]}>{kindText[l.kind]}</Tag>,
            },
            { key: "item", title: fieldName("name", lang), dataIndex: "item", width: 200 },
            { key: "field", title: zh ? "内容" : "What", dataIndex: "fieldText", width: 120 },
            { key: "before", title: zh ? "修改前" : "Before", render: (_, l) => show(l.field, l.before) },
            { key: "after", title: zh ? "修改后" : "After", render: (_, l) => show(l.field, l.after) },
          ]}
        />
      )}
    </Card>
  );
}
