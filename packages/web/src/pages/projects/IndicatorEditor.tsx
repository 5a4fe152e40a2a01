/**
 * The indicator tree of a record that owns one (a project, a department-overall goal) as an editable card: the
 * spreadsheet grid with undo and save, what is unsaved or incomplete, and after a 409 the rows someone else saved
 * with the choice to keep theirs or write only the user's own changes over them. The page keeps the state through
 * `useIndicatorEditor` (it needs `dirty` and `incomplete` to block a submit) and renders `<IndicatorEditorCard>`.
 */
import { App, Button, Card, Descriptions, Modal, Space, Typography } from "antd";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import type { Indicator } from "../../api/endpoints.ts";
import type { ReviewType } from "../../components/findings/api.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { COLUMNS, type GridRow, isBlank, rowProblems, rowsFromIndicators } from "./gridModel.ts";
import { IndicatorGrid, type PreviousValue, useUndoable } from "./IndicatorGrid.tsx";
import { type Conflict, type CreateIndicator, saveIndicators } from "./saveIndicators.ts";

export interface IndicatorSource {
  ownerId: string;
  /** The owner's indicators as they are now on the server. */
  fetch: (ownerId: string) => Promise<{ items: Indicator[] }>;
  create: CreateIndicator;
  /** Reloads the page after a save (which calls `reset` with the stored rows). */
  reload: () => Promise<void>;
}

export function useIndicatorEditor(source: IndicatorSource) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const grid = useUndoable<GridRow[]>([]);
  const [server, setServer] = useState<Indicator[]>([]);
  const [original, setOriginal] = useState<Map<string, GridRow>>(new Map());
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [busy, setBusy] = useState(false);

  const { reset: resetGrid } = grid;
  const reset = useCallback(
    (items: Indicator[]) => {
      const rows = rowsFromIndicators(items);
      setServer(items);
      setOriginal(new Map(rows.map((r) => [r.id!, r])));
      resetGrid(rows);
    },
    [resetGrid],
  );

  const dirty = useMemo(
    () =>
      grid.value.some((r) => !isBlank(r) && (!r.id || JSON.stringify(original.get(r.id)) !== JSON.stringify(r))) ||
      [...original.keys()].some((k) => !grid.value.some((r) => r.id === k)),
    [grid.value, original],
  );
  useLeaveGuard(dirty);
  const incomplete = grid.value.filter((r) => !isBlank(r) && rowProblems(r, zh).length > 0).length;

  const write = async (serverRows: Indicator[], before: Map<string, GridRow>, rows: GridRow[], done: string) => {
    setBusy(true);
    try {
      const r = await saveIndicators(source.ownerId, serverRows, before, rows, source.create);
      setConflicts(r.conflicts);
      if (r.conflicts.length === 0) {
        message.success(done.replace("{n}", String(r.saved)));
        await source.reload();
      }
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const save = () => write(server, original, grid.value, zh ? "已保存 {n} 行" : "{n} rows saved");

  /**
   * After a 409: the fields the user changed are written again over the rows as they are now (with their
   * versions); the fields they did not touch take the server's values.
   */
  const reapply = async () => {
    const byId = new Set(conflicts.filter((c) => c.current).map((c) => c.current!.id));
    const fresh = await source.fetch(source.ownerId);
    const serverRows = new Map(rowsFromIndicators(fresh.items).map((r) => [r.id!, r]));
    const nextOriginal = new Map(original);
    const rows = grid.value.map((r) => {
      const sr = r.id && byId.has(r.id) ? serverRows.get(r.id) : undefined;
      if (!sr || !r.id) return r;
      const before = original.get(r.id);
      nextOriginal.set(r.id, sr);
      const merged: GridRow = { ...r, version: sr.version };
      for (const col of COLUMNS) if (before && r[col] === before[col]) merged[col] = sr[col];
      return merged;
    });
    grid.set(rows);
    setOriginal(nextOriginal);
    setConflicts([]);
    await write(fresh.items, nextOriginal, rows, zh ? "已重新应用您的修改" : "Your changes were applied again");
  };

  const keepServer = () => {
    setConflicts([]);
    source.reload();
  };

  return { grid, original, dirty, incomplete, busy, conflicts, reset, save, reapply, keepServer };
}

export type IndicatorEditorState = ReturnType<typeof useIndicatorEditor>;

export function IndicatorEditorCard({
  editor,
  title,
  canEdit,
  review,
  unsavedText,
  suggestOrgId,
  previous,
}: {
  editor: IndicatorEditorState;
  title: ReactNode;
  canEdit: boolean;
  review: { type: ReviewType; id: string };
  /** What the warning says of unsaved rows when they are complete (e.g. that a submit needs them saved). */
  unsavedText?: string;
  /** The organisation whose indicator library suggests names while typing (only while editing). */
  suggestOrgId?: string;
  /** Last year's target and actual by normalised name (a carried-forward record). */
  previous?: ReadonlyMap<string, PreviousValue>;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { grid, original, dirty, incomplete, busy, conflicts } = editor;
  return (
    <>
      <Card
        size="small"
        title={title}
        extra={
          canEdit ? (
            <Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {zh
                  ? "方向键移动 · Enter 编辑 · 可从 Excel 粘贴 · Ctrl+Z 撤销"
                  : "Arrows · Enter edits · paste from Excel · Ctrl+Z"}
              </Typography.Text>
              <Button data-testid="undo" disabled={!grid.canUndo} onClick={grid.undo}>
                {zh ? "撤销" : "Undo"}
              </Button>
              <Button
                type="primary"
                data-testid="save-indicators"
                loading={busy}
                disabled={!dirty || incomplete > 0}
                onClick={editor.save}
              >
                {zh ? "保存指标" : "Save"}
              </Button>
            </Space>
          ) : undefined
        }
      >
        {canEdit && dirty && (
          <Typography.Text type="warning" data-testid="unsaved">
            {incomplete > 0
              ? zh
                ? `${incomplete} 行未填完整（红色标出），补全后才能保存。`
                : `${incomplete} rows are incomplete (in red): complete them to save.`
              : (unsavedText ?? t("edit.unsaved"))}
          </Typography.Text>
        )}
        <IndicatorGrid
          rows={grid.value}
          original={original}
          readOnly={!canEdit}
          onChange={grid.set}
          onUndo={grid.undo}
          review={review}
          {...(canEdit && suggestOrgId ? { suggestOrgId } : {})}
          {...(previous ? { previous } : {})}
        />
      </Card>
      <Modal
        destroyOnHidden
        open={conflicts.length > 0}
        title={zh ? "他人已修改这些指标" : "Someone else changed these indicators"}
        okText={t("edit.reapply")}
        cancelText={t("edit.keepServer")}
        onOk={editor.reapply}
        onCancel={editor.keepServer}
        width={720}
      >
        <Typography.Paragraph>
          {zh
            ? "您编辑期间，以下指标已被他人保存。重新应用时，只有您改过的内容写到当前内容之上，其余采用服务器上的内容。"
            : "While you were editing, these indicators were saved by someone else. Applying again writes only what you changed over the current record; the rest stays as on the server."}
        </Typography.Paragraph>
        {conflicts.map((c) => (
          <ConflictRow key={c.row.key} conflict={c} />
        ))}
      </Modal>
    </>
  );
}

function ConflictRow({ conflict: c }: { conflict: Conflict }) {
  const { lang, t } = useI18n();
  return (
    <Descriptions size="small" bordered column={2} style={{ marginBottom: 8 }} data-testid="conflict">
      <Descriptions.Item label={t("edit.onServer")}>
        {c.current
          ? `${c.current.name} · ${c.current.targetText ?? ""} · ${c.current.weight ?? ""}`
          : lang === "zh"
            ? "已删除"
            : "deleted"}
      </Descriptions.Item>
      <Descriptions.Item
        label={t("edit.yours")}
      >{`${c.row.name} · ${c.row.targetText} · ${c.row.weight}`}</Descriptions.Item>
    </Descriptions>
  );
}
