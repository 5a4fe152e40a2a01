import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Tag, Tree, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n.tsx";
import { wanShown } from "../budget/model.ts";
import type { Duty } from "./api.ts";
import { budgetCheck, type DutyDraft, draftOf, readTiers } from "./model.ts";

/** What is chosen in the tree: a duty, or one of its activities by position. */
export interface Selection {
  dutyId: string;
  activity?: number;
}

/**
 * The tree of duties (name, budget, a budget that differs from its activities, unsaved edits, the unit below
 * when not the organisation's own) and their activities (name, budget, tiers core flags).
 */
export function DutyTree(p: {
  duties: Duty[];
  drafts: Record<string, DutyDraft>;
  orgId: string | undefined;
  year: number;
  closed: boolean;
  canEdit: boolean;
  selected: Selection | undefined;
  dirtyOf(id: string): boolean;
  onSelect(s: Selection): void;
  onAdd(): void;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const { duties, selected: sel } = p;

  const treeData = duties.map((d) => {
    const dr = p.drafts[d.id] ?? draftOf(d);
    const check = budgetCheck(dr, lang);
    const tierTrouble = dr.activities.some((a) =>
      a.indicators.some((i) => readTiers(i.standards, lang).problems.some((x) => x.severity === "error")),
    );
    return {
      key: d.id,
      title: (
        <span data-testid="duty-node">
          <Typography.Text strong>{dr.name || (zh ? "（未命名）" : "(no name)")}</Typography.Text>{" "}
          <Typography.Text type="secondary">
            {dr.statedBudget ? `${wanShown(dr.statedBudget)} 万元` : ""}
          </Typography.Text>
          {check.holds === false && (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {zh ? "预算不符" : "sum differs"}
            </Tag>
          )}
          {p.dirtyOf(d.id) && <Tag color="blue">{zh ? "未保存" : "unsaved"}</Tag>}
          {d.orgId !== p.orgId && <Typography.Text type="secondary"> · {d.orgName}</Typography.Text>}
        </span>
      ),
      children: dr.activities.map((a, i) => ({
        key: `${d.id}/${i}`,
        title: (
          <span data-testid="activity-node">
            {a.name || (zh ? "（未命名）" : "(no name)")}{" "}
            <Typography.Text type="secondary">{a.budget ? `${wanShown(a.budget)} 万元` : ""}</Typography.Text>
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

  return (
    <Card
      size="small"
      title={t("duties.title")}
      style={{ width: 340, flex: "none" }}
      extra={
        p.canEdit && (
          <Button size="small" icon={<PlusOutlined />} data-testid="add-duty" onClick={p.onAdd}>
            {t("duties.add")}
          </Button>
        )
      }
    >
      {p.closed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="year-closed"
          title={zh ? `${p.year} 年度已关闭，只能查看。` : `${p.year} is closed: read only.`}
        />
      )}
      {duties.length === 0 ? (
        <Empty
          description={
            zh ? "本单位本年度尚无职责活动（可通过导入或新增录入）。" : "No duties for this organisation and year yet."
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
            p.onSelect({ dutyId: dutyId!, ...(i === undefined ? {} : { activity: Number(i) }) });
          }}
          treeData={treeData}
        />
      )}
    </Card>
  );
}
