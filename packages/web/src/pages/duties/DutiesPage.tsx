import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from "antd";
import { type ClipboardEvent, useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useAuth } from "../../auth.tsx";
import { FindingsPanel, useFindings } from "../../components/findings/index.ts";
import { useI18n } from "../../i18n.tsx";
import { clearDraft, loadDraft, saveDraft } from "../../lib/drafts.ts";
import { describeError } from "../../lib/errors.ts";
import { parseTarget, renderTarget } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";
import { parseClipboardBlock } from "../projects/gridModel.ts";
import { type Duty, dutyEndpoints } from "./api.ts";
import {
  type ActivityDraft,
  activitiesChanged,
  budgetCheck,
  type DutyDraft,
  draftErrors,
  draftOf,
  emptyActivity,
  emptyIndicator,
  headerChanged,
  type IndicatorDraft,
  mergeDraft,
  PASTE_FIELDS,
  type PasteField,
  pasteIndicators,
  readTiers,
  readWan,
  TIER_NAMES,
  type TierName,
  toActivityInput,
  tryActual,
  wanText,
  wireYuan,
  yearClosed,
} from "./model.ts";

const move = <T,>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length) return list;
  const next = list.slice();
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
};

const draftKey = (id: string) => `duty:${id}`;

/** Each duty's draft and the version of the duty it was started from. */
interface Work {
  drafts: Record<string, DutyDraft>;
  bases: Record<string, Duty>;
}

const changed = (base: Duty, draft: DutyDraft): boolean => {
  const o = draftOf(base);
  return headerChanged(o, draft) || activitiesChanged(o, draft);
};

interface Conflict {
  dutyId: string;
  current: Duty | undefined;
}

/**
 * 部门职责 → 工作活动: the tree of the organisation's duties and their activities for the year on the left; the
 * chosen duty (name, budget in 万元, the check of its budget against its activities) and activity (budget,
 * content, goal, indicators with their four-tier standards 优/良/中/差 and core's reading of them, live) on the
 * right. A filler adds, renames, reorders and deletes; a save carries the version read, and a 409 shows the
 * record as it is now with the choice to reload or apply the edits again over it. Read only for the other
 * roles and in a closed year.
 */
export default function DutiesPage() {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [duties, setDuties] = useState<Duty[]>();
  const [work, setWork] = useState<Work>({ drafts: {}, bases: {} });
  const [error, setError] = useState<string>();
  const [sel, setSel] = useState<{ dutyId: string; activity?: number }>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();
  const [adding, setAdding] = useState(false);
  const [newDuty, setNewDuty] = useState({ name: "", budget: "" });
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const closed = yearClosed(ws.years, ws.year);
  const canEdit = !!user?.roles.includes("filler") && !closed;

  /**
   * Reads the duties again. Unsaved edits of other duties are kept over the version they were started from (a
   * save then says 409 if someone else changed that duty meanwhile; a change of order only is taken in);
   * `fresh` names the duty whose draft is replaced by the server's (just saved, or dropped).
   */
  const load = useCallback(
    async (fresh?: string) => {
      if (!ws.orgId) return;
      try {
        const r = await dutyEndpoints.list(ws.orgId, ws.year);
        setDuties(r.items);
        setWork((prev) => {
          const next: Work = { drafts: {}, bases: {} };
          for (const d of r.items) {
            const base = prev.bases[d.id];
            const mine = prev.drafts[d.id];
            if (d.id !== fresh && base && mine && changed(base, mine)) {
              next.bases[d.id] = changed(d, draftOf(base)) ? base : d;
              next.drafts[d.id] = mine;
            } else {
              next.bases[d.id] = d;
              // Typing kept in the browser (a reload, a crash) comes back when the duty has not moved on since.
              const kept = d.id === fresh ? undefined : loadDraft<DutyDraft>(draftKey(d.id));
              next.drafts[d.id] = kept && kept.baseVersion === d.version ? kept.data : draftOf(d);
            }
          }
          return next;
        });
        setError(undefined);
      } catch (e) {
        setError(describeError(e, lang));
      }
    },
    [ws.orgId, ws.year, lang],
  );

  useEffect(() => {
    setDuties(undefined);
    setSel(undefined);
    setWork({ drafts: {}, bases: {} });
    load();
  }, [load]);

  const drafts = work.drafts;
  const setDrafts = (fn: (d: Record<string, DutyDraft>) => Record<string, DutyDraft>) =>
    setWork((w) => ({ ...w, drafts: fn(w.drafts) }));
  /** The duty being edited: the version its draft started from. */
  const duty = sel ? work.bases[sel.dutyId] : undefined;
  const draft = sel ? drafts[sel.dutyId] : undefined;
  const original = useMemo(() => (duty ? draftOf(duty) : undefined), [duty]);
  const dirtyOf = (id: string) => {
    const d = work.bases[id];
    const dr = drafts[id];
    return !!d && !!dr && changed(d, dr);
  };
  const dirty = !!sel && dirtyOf(sel.dutyId);

  // Every unsaved draft is kept in the browser with the version it started from; a saved one is removed.
  useEffect(() => {
    for (const [id, base] of Object.entries(work.bases)) {
      const d = work.drafts[id];
      if (d && changed(base, d)) saveDraft(draftKey(id), d, base.version);
      else clearDraft(draftKey(id));
    }
  }, [work]);
  const errors = draft ? draftErrors(draft, lang) : [];

  const edit = (fn: (d: DutyDraft) => DutyDraft) => {
    if (!sel || !draft) return;
    setDrafts((all) => ({ ...all, [sel.dutyId]: fn(all[sel.dutyId]!) }));
  };
  const editActivity = (i: number, fn: (a: ActivityDraft) => ActivityDraft) =>
    edit((d) => ({ ...d, activities: d.activities.map((a, k) => (k === i ? fn(a) : a)) }));

  /** Writes the header (PATCH) and the activities (PUT) that changed, each with the version it holds. */
  const writeDuty = async (d: Duty, dr: DutyDraft) => {
    const o = draftOf(d);
    let version = d.version;
    let saved: Duty | undefined;
    if (headerChanged(o, dr)) {
      saved = await dutyEndpoints.update(d.id, {
        version,
        name: dr.name.trim(),
        description: dr.description.trim() || null,
        statedBudget: wireYuan(dr.statedBudget),
      });
      version = saved.version;
    }
    if (activitiesChanged(o, dr)) saved = await dutyEndpoints.saveActivities(d.id, version, toActivityInput(dr));
    return saved;
  };

  const save = async (over?: Duty) => {
    if (!duty || !draft || !sel) return;
    setBusy(true);
    try {
      // Applying again after a conflict: the edits are written over the record as it is now (fields the user
      // did not touch take the server's values).
      const mine = over ? mergeDraft(draftOf(duty), draft, draftOf(over)) : draft;
      if (over) setDrafts((all) => ({ ...all, [duty.id]: mine }));
      await writeDuty(over ?? duty, mine);
      message.success(t("edit.saved"));
      setConflict(undefined);
      await load(duty.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict({ dutyId: duty.id, current: e.current as Duty });
      else message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const discardConflict = async () => {
    const id = conflict?.dutyId;
    setConflict(undefined);
    await load(id);
  };

  const addDuty = async () => {
    if (!ws.orgId) return;
    const b = readWan(newDuty.budget, lang);
    if (b.error) {
      message.error(b.error);
      return;
    }
    setBusy(true);
    try {
      const created = await dutyEndpoints.create({
        orgId: ws.orgId,
        year: ws.year,
        name: newDuty.name.trim(),
        statedBudget: wireYuan(newDuty.budget),
        sortOrder: duties?.length ?? 0,
      });
      setAdding(false);
      setNewDuty({ name: "", budget: "" });
      await load();
      setSel({ dutyId: created.id });
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const removeDuty = async (d: Duty) => {
    setBusy(true);
    try {
      await dutyEndpoints.remove(d.id, d.version);
      clearDraft(draftKey(d.id));
      message.success(zh ? "已删除" : "Deleted");
      setSel(undefined);
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
      if (e instanceof ApiError && e.status === 409) await load();
    } finally {
      setBusy(false);
    }
  };

  const own = (duties ?? []).filter((d) => d.orgId === ws.orgId);
  const moveDuty = async (d: Duty, by: -1 | 1) => {
    if (!ws.orgId) return;
    const i = own.findIndex((x) => x.id === d.id);
    const order = move(own, i, i + by);
    if (order === own) return;
    setBusy(true);
    try {
      await dutyEndpoints.reorder(
        ws.orgId,
        ws.year,
        order.map((x) => ({ id: x.id, version: x.version })),
      );
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
      if (e instanceof ApiError && e.status === 409) await load();
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!duties) return <Spin style={{ display: "block", margin: 64 }} />;

  const treeData = duties.map((d) => {
    const dr = drafts[d.id] ?? draftOf(d);
    const check = budgetCheck(dr, lang);
    const tierTrouble = dr.activities.some((a) =>
      a.indicators.some((i) => readTiers(i.standards, lang).problems.some((p) => p.severity === "error")),
    );
    return {
      key: d.id,
      title: (
        <span data-testid="duty-node">
          <Typography.Text strong>{dr.name || (zh ? "（未命名）" : "(no name)")}</Typography.Text>{" "}
          <Typography.Text type="secondary">{dr.statedBudget ? `${dr.statedBudget} 万元` : ""}</Typography.Text>
          {check.holds === false && (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {zh ? "预算不符" : "sum differs"}
            </Tag>
          )}
          {dirtyOf(d.id) && <Tag color="blue">{zh ? "未保存" : "unsaved"}</Tag>}
          {d.orgId !== ws.orgId && <Typography.Text type="secondary"> · {d.orgName}</Typography.Text>}
        </span>
      ),
      children: dr.activities.map((a, i) => ({
        key: `${d.id}/${i}`,
        title: (
          <span data-testid="activity-node">
            {a.name || (zh ? "（未命名）" : "(no name)")}{" "}
            <Typography.Text type="secondary">{a.budget ? `${a.budget} 万元` : ""}</Typography.Text>
            {tierTrouble && a.indicators.some((x) => readTiers(x.standards, lang).problems.length > 0) && (
              <Tag color="orange" style={{ marginLeft: 4 }}>
                !
              </Tag>
            )}
          </span>
        ),
      })),
    };
  });

  const selectedKey = sel ? (sel.activity === undefined ? sel.dutyId : `${sel.dutyId}/${sel.activity}`) : undefined;
  const ownIndex = duty ? own.findIndex((x) => x.id === duty.id) : -1;
  const activity = draft && sel?.activity !== undefined ? draft.activities[sel.activity] : undefined;

  return (
    <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }} data-testid="duties-page">
      <Card
        size="small"
        title={t("duties.title")}
        style={{ width: 340, flex: "none" }}
        extra={
          canEdit && (
            <Button size="small" icon={<PlusOutlined />} data-testid="add-duty" onClick={() => setAdding(true)}>
              {t("duties.add")}
            </Button>
          )
        }
      >
        {closed && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="year-closed"
            title={zh ? `${ws.year} 年度已关闭，只能查看。` : `${ws.year} is closed: read only.`}
          />
        )}
        {duties.length === 0 ? (
          <Empty
            description={
              zh
                ? "本单位本年度尚无职责活动（可通过导入或新增录入）。"
                : "No duties for this organisation and year yet."
            }
          />
        ) : (
          <Tree
            blockNode
            expandedKeys={duties.map((d) => d.id).filter((id) => !collapsed.has(id))}
            onExpand={(_, info) =>
              setCollapsed((c) => {
                const next = new Set(c);
                const k = String(info.node.key);
                if (info.expanded) next.delete(k);
                else next.add(k);
                return next;
              })
            }
            selectedKeys={selectedKey ? [selectedKey] : []}
            onSelect={(keys) => {
              const k = String(keys[0] ?? "");
              if (!k) return;
              const [dutyId, i] = k.split("/");
              setSel({ dutyId: dutyId!, ...(i === undefined ? {} : { activity: Number(i) }) });
            }}
            treeData={treeData}
          />
        )}
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {!duty || !draft || !original ? (
          <Card size="small">
            <Typography.Text type="secondary">
              {zh ? "选择左侧的部门职责或工作活动。" : "Choose a duty or an activity on the left."}
            </Typography.Text>
          </Card>
        ) : (
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            <DutyCard
              duty={duty}
              draft={draft}
              canEdit={canEdit && duty.orgId === ws.orgId}
              dirty={dirty}
              errors={errors}
              busy={busy}
              first={ownIndex <= 0}
              last={ownIndex === own.length - 1}
              onEdit={edit}
              onSave={() => save()}
              onUndo={() => {
                const latest = duties.find((x) => x.id === duty.id) ?? duty;
                setWork((w) => ({
                  drafts: { ...w.drafts, [duty.id]: draftOf(latest) },
                  bases: { ...w.bases, [duty.id]: latest },
                }));
              }}
              onDelete={() => removeDuty(duty)}
              onMove={(by) => moveDuty(duty, by)}
              onAddActivity={() => {
                edit((d) => ({
                  ...d,
                  activities: [...d.activities, emptyActivity(zh ? "新工作活动" : "New activity")],
                }));
                setSel({ dutyId: duty.id, activity: draft.activities.length });
              }}
            />
            <DutyReview duty={duty} />
            {activity && sel?.activity !== undefined && (
              <ActivityCard
                activity={activity}
                index={sel.activity}
                count={draft.activities.length}
                canEdit={canEdit && duty.orgId === ws.orgId}
                onChange={(fn) => editActivity(sel.activity!, fn)}
                onMove={(by) => {
                  const to = sel.activity! + by;
                  edit((d) => ({ ...d, activities: move(d.activities, sel.activity!, to) }));
                  setSel({ dutyId: duty.id, activity: to });
                }}
                onDelete={() => {
                  edit((d) => ({ ...d, activities: d.activities.filter((_, k) => k !== sel.activity) }));
                  setSel({ dutyId: duty.id });
                }}
              />
            )}
          </Space>
        )}
      </div>
      <Modal
        destroyOnHidden
        open={adding}
        title={zh ? "新增部门职责" : "Add a duty"}
        okText={zh ? "新增" : "Add"}
        okButtonProps={{ disabled: !newDuty.name.trim(), loading: busy, id: "add-duty-confirm" }}
        onOk={addDuty}
        onCancel={() => setAdding(false)}
      >
        <Form layout="vertical">
          <Form.Item label={zh ? "职责名称" : "Name"} required>
            <Input
              data-testid="new-duty-name"
              value={newDuty.name}
              onChange={(e) => setNewDuty((n) => ({ ...n, name: e.target.value }))}
            />
          </Form.Item>
          <Form.Item label={zh ? "预算（万元）" : "Budget (万元)"}>
            <Input
              data-testid="new-duty-budget"
              value={newDuty.budget}
              suffix="万元"
              onChange={(e) => setNewDuty((n) => ({ ...n, budget: e.target.value }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        destroyOnHidden
        open={!!conflict}
        title={zh ? "他人已修改这项职责" : "Someone else changed this duty"}
        okText={t("edit.reapply")}
        cancelText={t("edit.keepServer")}
        okButtonProps={{ id: "conflict-reapply", disabled: !conflict?.current, loading: busy }}
        cancelButtonProps={{ id: "conflict-reload" }}
        onOk={() => conflict?.current && save(conflict.current)}
        onCancel={discardConflict}
        width={720}
      >
        <div data-testid="duty-conflict">
          <Typography.Paragraph>
            {zh
              ? "您编辑期间，这项职责已被他人保存（下为服务器上的当前内容）。重新应用时，您的修改写到当前版本之上；或者放弃您的修改，采用服务器上的内容。"
              : "While you were editing, this duty was saved by someone else (below, as it is now on the server). Applying again writes your edits over the current version; or drop yours and keep the server's."}
          </Typography.Paragraph>
          {conflict?.current && (
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t("edit.onServer")}>
                {conflict.current.name} · {wanText(conflict.current.statedBudget) || "—"} 万元 ·{" "}
                {zh ? `第 ${conflict.current.version} 版` : `version ${conflict.current.version}`}
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "其工作活动" : "Its activities"}>
                {conflict.current.activities.map((a) => `${a.name}（${wanText(a.budget) || "—"} 万元）`).join("；") ||
                  "—"}
              </Descriptions.Item>
              {draft && (
                <Descriptions.Item label={t("edit.yours")}>
                  {draft.name} · {draft.statedBudget || "—"} 万元 ·{" "}
                  {draft.activities.map((a) => `${a.name}（${a.budget || "—"} 万元）`).join("；")}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </div>
      </Modal>
    </div>
  );
}

/** The automatic review of the stored duty (core's review on the server), again after each save. */
function DutyReview({ duty }: { duty: Duty }) {
  const findings = useFindings("duty", duty.id, duty.version);
  return <FindingsPanel type="duty" findings={findings} />;
}

interface DutyCardProps {
  duty: Duty;
  draft: DutyDraft;
  canEdit: boolean;
  dirty: boolean;
  errors: string[];
  busy: boolean;
  first: boolean;
  last: boolean;
  onEdit(fn: (d: DutyDraft) => DutyDraft): void;
  onSave(): void;
  onUndo(): void;
  onDelete(): void;
  onMove(by: -1 | 1): void;
  onAddActivity(): void;
}

function DutyCard(p: DutyCardProps) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { draft: d } = p;
  const check = budgetCheck(d, lang);
  const budget = readWan(d.statedBudget, lang);
  return (
    <Card
      size="small"
      data-testid="duty-card"
      title={
        <Space>
          {zh ? "部门职责" : "Duty"}
          <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
            {p.duty.orgName} · {p.duty.year} · {zh ? `第 ${p.duty.version} 版` : `version ${p.duty.version}`}
          </Typography.Text>
        </Space>
      }
      extra={
        p.canEdit && (
          <Space size={4}>
            <Tooltip title={zh ? "上移" : "Up"}>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={p.first || p.busy}
                data-testid="duty-up"
                onClick={() => p.onMove(-1)}
              />
            </Tooltip>
            <Tooltip title={zh ? "下移" : "Down"}>
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={p.last || p.busy}
                data-testid="duty-down"
                onClick={() => p.onMove(1)}
              />
            </Tooltip>
            <Popconfirm
              title={zh ? "删除这项职责及其全部工作活动？" : "Delete this duty with all its activities?"}
              okText={zh ? "删除" : "Delete"}
              cancelText={zh ? "取消" : "Cancel"}
              okButtonProps={{ danger: true, id: "delete-duty-confirm" }}
              onConfirm={p.onDelete}
            >
              <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-duty">
                {zh ? "删除" : "Delete"}
              </Button>
            </Popconfirm>
            <Button size="small" data-testid="add-activity" icon={<PlusOutlined />} onClick={p.onAddActivity}>
              {t("duties.addActivity")}
            </Button>
            <Button size="small" data-testid="undo-duty" disabled={!p.dirty} onClick={p.onUndo}>
              {t("edit.undoChanges")}
            </Button>
            <Button
              size="small"
              type="primary"
              data-testid="save-duty"
              loading={p.busy}
              disabled={!p.dirty || p.errors.length > 0}
              onClick={p.onSave}
            >
              {zh ? "保存" : "Save"}
            </Button>
          </Space>
        )
      }
    >
      <Form layout="vertical" size="small" disabled={!p.canEdit}>
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item label={zh ? "职责名称" : "Name"} style={{ flex: 2, marginBottom: 8 }}>
            {p.canEdit ? (
              <Input
                data-testid="duty-name"
                value={d.name}
                onChange={(e) => p.onEdit((x) => ({ ...x, name: e.target.value }))}
              />
            ) : (
              <Typography.Text strong data-testid="duty-name">
                {d.name}
              </Typography.Text>
            )}
          </Form.Item>
          <Form.Item
            label={zh ? "职责预算（万元）" : "Budget (万元)"}
            style={{ flex: 1, marginBottom: 8 }}
            validateStatus={budget.error ? "error" : undefined}
            help={budget.error}
          >
            {p.canEdit ? (
              <Input
                data-testid="duty-budget"
                value={d.statedBudget}
                suffix="万元"
                onChange={(e) => p.onEdit((x) => ({ ...x, statedBudget: e.target.value }))}
              />
            ) : (
              <Typography.Text data-testid="duty-budget">{d.statedBudget || "—"}</Typography.Text>
            )}
          </Form.Item>
        </div>
        {(p.canEdit || d.description) && (
          <Form.Item label={zh ? "职责说明" : "Description"} style={{ marginBottom: 8 }}>
            {p.canEdit ? (
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={d.description}
                onChange={(e) => p.onEdit((x) => ({ ...x, description: e.target.value }))}
              />
            ) : (
              <Typography.Paragraph style={{ margin: 0 }}>{d.description}</Typography.Paragraph>
            )}
          </Form.Item>
        )}
      </Form>
      <div data-testid="duty-sum">
        {check.holds === undefined ? (
          <Typography.Text type="secondary">
            {zh
              ? `工作活动合计 ${check.sumWan} 万元（${check.sumYuan} 元）；职责未填预算。`
              : `Activities sum to ${check.sumWan} 万元 (${check.sumYuan} 元); the duty states no budget.`}
          </Typography.Text>
        ) : check.holds ? (
          <Tag color="green">
            {zh
              ? `预算与工作活动合计相符：${check.sumWan} 万元（${check.sumYuan} 元）`
              : `The budget equals its activities: ${check.sumWan} 万元 (${check.sumYuan} 元)`}
          </Tag>
        ) : (
          <Alert
            type="warning"
            showIcon
            title={
              zh
                ? `职责预算 ${d.statedBudget} 万元，工作活动合计 ${check.sumWan} 万元（${check.sumYuan} 元），相差 ${check.differenceWan} 万元（${check.differenceYuan} 元）`
                : `Duty budget ${d.statedBudget} 万元, activities sum to ${check.sumWan} 万元 (${check.sumYuan} 元), difference ${check.differenceWan} 万元 (${check.differenceYuan} 元)`
            }
          />
        )}
      </div>
      {p.canEdit && p.dirty && (
        <Typography.Paragraph type="warning" style={{ margin: "8px 0 0" }} data-testid="unsaved">
          {p.errors.length > 0
            ? `${zh ? "补全后才能保存：" : "Complete to save: "}${p.errors.join("；")}`
            : zh
              ? "有未保存的修改。"
              : "Unsaved changes."}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

interface ActivityCardProps {
  activity: ActivityDraft;
  index: number;
  count: number;
  canEdit: boolean;
  onChange(fn: (a: ActivityDraft) => ActivityDraft): void;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}

function ActivityCard(p: ActivityCardProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const a = p.activity;
  const budget = readWan(a.budget, lang);
  const setInd = (k: number, fn: (i: IndicatorDraft) => IndicatorDraft) =>
    p.onChange((x) => ({ ...x, indicators: x.indicators.map((i, j) => (j === k ? fn(i) : i)) }));
  const text = (label: string, field: "content" | "goal", testId: string) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      {p.canEdit ? (
        <Input.TextArea
          data-testid={testId}
          autoSize={{ minRows: 1, maxRows: 5 }}
          value={a[field]}
          onChange={(e) => p.onChange((x) => ({ ...x, [field]: e.target.value }))}
        />
      ) : (
        <Typography.Paragraph style={{ margin: 0 }} data-testid={testId}>
          {a[field] || "—"}
        </Typography.Paragraph>
      )}
    </Form.Item>
  );
  return (
    <Card
      size="small"
      data-testid="activity-card"
      title={zh ? `工作活动 ${p.index + 1}` : `Activity ${p.index + 1}`}
      extra={
        p.canEdit && (
          <Space size={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={p.index === 0}
              data-testid="activity-up"
              onClick={() => p.onMove(-1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={p.index === p.count - 1}
              data-testid="activity-down"
              onClick={() => p.onMove(1)}
            />
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-activity" onClick={p.onDelete}>
              {zh ? "删除活动" : "Delete"}
            </Button>
          </Space>
        )
      }
    >
      <Form layout="vertical" size="small">
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item label={zh ? "活动名称" : "Name"} style={{ flex: 2, marginBottom: 8 }}>
            {p.canEdit ? (
              <Input
                data-testid="activity-name"
                value={a.name}
                onChange={(e) => p.onChange((x) => ({ ...x, name: e.target.value }))}
              />
            ) : (
              <Typography.Text strong data-testid="activity-name">
                {a.name}
              </Typography.Text>
            )}
          </Form.Item>
          <Form.Item
            label={zh ? "年度预算（万元）" : "Annual budget (万元)"}
            style={{ flex: 1, marginBottom: 8 }}
            validateStatus={budget.error ? "error" : undefined}
            help={budget.error}
          >
            {p.canEdit ? (
              <Input
                data-testid="activity-budget"
                value={a.budget}
                suffix="万元"
                onChange={(e) => p.onChange((x) => ({ ...x, budget: e.target.value }))}
              />
            ) : (
              <Typography.Text data-testid="activity-budget">{a.budget || "—"}</Typography.Text>
            )}
          </Form.Item>
        </div>
        {text(zh ? "活动内容" : "Content", "content", "activity-content")}
        {text(zh ? "绩效目标" : "Goal", "goal", "activity-goal")}
      </Form>
      <IndicatorTable
        indicators={a.indicators}
        canEdit={p.canEdit}
        onChange={setInd}
        onAdd={() => p.onChange((x) => ({ ...x, indicators: [...x.indicators, emptyIndicator()] }))}
        onRemove={(k) => p.onChange((x) => ({ ...x, indicators: x.indicators.filter((_, j) => j !== k) }))}
        onPaste={(fn) => p.onChange((x) => ({ ...x, indicators: fn(x.indicators) }))}
      />
    </Card>
  );
}

function IndicatorTable(p: {
  indicators: IndicatorDraft[];
  canEdit: boolean;
  onChange(k: number, fn: (i: IndicatorDraft) => IndicatorDraft): void;
  onAdd(): void;
  onRemove(k: number): void;
  onPaste(fn: (list: IndicatorDraft[]) => IndicatorDraft[]): void;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const [trial, setTrial] = useState<Record<string, string>>({});
  /** A block copied from Excel (tabs and lines) fills the table from the cell it is pasted in, adding rows. */
  const paste = (k: number, col: PasteField) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
    e.preventDefault();
    p.onPaste((list) => pasteIndicators(list, k, PASTE_FIELDS.indexOf(col), parseClipboardBlock(text)));
  };
  const rows = p.indicators.map((ind, k) => ({ ind, k, reading: readTiers(ind.standards, lang) }));
  type Row = (typeof rows)[number];
  const cell = (r: Row, field: "name" | "targetText", testId: string) =>
    p.canEdit ? (
      <Input
        size="small"
        data-testid={testId}
        aria-label={`${zh ? "指标" : "Indicator"} ${r.k + 1} ${field === "name" ? (zh ? "名称" : "name") : zh ? "指标值" : "target"}`}
        value={r.ind[field]}
        onPaste={paste(r.k, field)}
        onChange={(e) => p.onChange(r.k, (i) => ({ ...i, [field]: e.target.value }))}
      />
    ) : (
      <span data-testid={testId}>{r.ind[field]}</span>
    );
  return (
    <div data-testid="activity-indicators">
      <Table<Row>
        size="small"
        bordered
        rowKey={(r) => r.ind.key}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 760 }}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: rows.map((r) => r.ind.key),
          expandedRowRender: (r) => {
            const v = trial[r.ind.key] ?? "";
            const t = tryActual(r.reading.tiers, v);
            return (
              <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }}>
                <div style={{ flex: 1 }} data-testid={`tier-problems-${r.k}`}>
                  <Typography.Text type="secondary" style={{ marginRight: 6 }}>
                    {zh ? "核心检查：" : "Core's check:"}
                  </Typography.Text>
                  {r.reading.problems.length === 0 ? (
                    r.reading.tiers ? (
                      <Tag color="green" data-testid="tiers-ok">
                        {zh ? "四档衔接无误" : "the tiers fit together"}
                      </Tag>
                    ) : (
                      <Typography.Text type="secondary">{zh ? "未填评价标准" : "no standards"}</Typography.Text>
                    )
                  ) : (
                    r.reading.problems.map((x) => (
                      <Tag
                        key={`${x.code}-${x.tiers.join("")}-${x.measure ?? ""}`}
                        color={x.severity === "error" ? "red" : "orange"}
                        data-testid={`tier-problem-${x.code}`}
                        style={{ whiteSpace: "normal", marginBottom: 2 }}
                      >
                        {zh ? x.zh : x.en}
                      </Tag>
                    ))
                  )}
                </div>
                <Space size={4} style={{ flex: "none" }}>
                  <Input
                    size="small"
                    style={{ width: 120 }}
                    placeholder={zh ? "试算实际值" : "Try a value"}
                    data-testid={`try-${r.k}`}
                    value={v}
                    onChange={(e) => setTrial((s) => ({ ...s, [r.ind.key]: e.target.value }))}
                  />
                  {t && (
                    <Tooltip title={t.note}>
                      <Tag color={t.tier ? "blue" : "default"} data-testid={`tier-of-${r.k}`}>
                        {t.tier ?? (zh ? "不在任何等级" : "no tier")}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              </div>
            );
          },
        }}
        locale={{ emptyText: zh ? "尚无指标" : "No indicators" }}
        columns={[
          {
            title: zh ? "指标" : "Indicator",
            width: 170,
            fixed: "left",
            render: (_, r) => cell(r, "name", `ind-${r.k}-name`),
          },
          {
            title: zh ? "指标值" : "Target",
            width: 100,
            render: (_, r) => (
              <div>
                {cell(r, "targetText", `ind-${r.k}-target`)}
                {r.ind.targetText.trim() && (
                  <div style={{ fontSize: 12, color: "#888" }} data-testid={`target-reading-${r.k}`}>
                    {renderTarget(parseTarget(r.ind.targetText))}
                  </div>
                )}
              </div>
            ),
          },
          ...TIER_NAMES.map((tier: TierName) => ({
            title: tier,
            width: 120,
            render: (_: unknown, r: Row) => {
              const bad = r.reading.problems.some((x) => x.severity === "error" && x.tiers.includes(tier));
              return (
                <div>
                  {p.canEdit ? (
                    <Input
                      size="small"
                      status={bad ? "error" : undefined}
                      data-testid={`ind-${r.k}-${tier}`}
                      aria-label={`${zh ? "指标" : "Indicator"} ${r.k + 1} ${tier}`}
                      value={r.ind.standards[tier]}
                      onPaste={paste(r.k, tier)}
                      onChange={(e) =>
                        p.onChange(r.k, (i) => ({ ...i, standards: { ...i.standards, [tier]: e.target.value } }))
                      }
                    />
                  ) : (
                    <span data-testid={`ind-${r.k}-${tier}`}>{r.ind.standards[tier]}</span>
                  )}
                  <div style={{ fontSize: 12, color: "#888" }} data-testid={`reading-${r.k}-${tier}`}>
                    {r.reading.cells[tier]}
                  </div>
                </div>
              );
            },
          })),
          ...(p.canEdit
            ? [
                {
                  title: "",
                  width: 44,
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      data-testid={`ind-${r.k}-delete`}
                      aria-label={zh ? "删除指标" : "Delete the indicator"}
                      onClick={() => p.onRemove(r.k)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {p.canEdit && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          data-testid="add-indicator"
          onClick={p.onAdd}
        >
          {t("duties.addIndicator")}
        </Button>
      )}
      {p.canEdit && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
          {zh
            ? "可从 Excel 复制多行粘贴到任一格（列序：指标、指标值、优、良、中、差）"
            : "Paste rows copied from Excel into any cell (columns: indicator, target, 优, 良, 中, 差)"}
        </Typography.Text>
      )}
    </div>
  );
}
