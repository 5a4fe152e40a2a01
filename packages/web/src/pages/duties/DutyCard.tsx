import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Popconfirm, Space, Tag, Tooltip, Typography } from "antd";
import { useI18n } from "../../i18n.tsx";
import { wanShown } from "../budget/model.ts";
import type { Duty } from "./api.ts";
import { NameAndBudget, TextAreaField } from "./fields.tsx";
import { budgetCheck, type DutyDraft } from "./model.ts";

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

/** The chosen duty: its name, budget and description, the check of its budget against its activities. */
export function DutyCard(p: DutyCardProps) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { draft: d } = p;
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
        <NameAndBudget
          testId="duty"
          nameLabel={zh ? "职责名称" : "Name"}
          budgetLabel={zh ? "职责预算（万元）" : "Budget (万元)"}
          name={d.name}
          budget={d.statedBudget}
          canEdit={p.canEdit}
          onName={(v) => p.onEdit((x) => ({ ...x, name: v }))}
          onBudget={(v) => p.onEdit((x) => ({ ...x, statedBudget: v }))}
        />
        {(p.canEdit || d.description) && (
          <TextAreaField
            label={zh ? "职责说明" : "Description"}
            value={d.description}
            canEdit={p.canEdit}
            maxRows={4}
            onChange={(v) => p.onEdit((x) => ({ ...x, description: v }))}
          />
        )}
      </Form>
      <DutySum draft={d} />
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

/** The duty's stated budget against the sum of its activities (core's exact money), with the difference. */
function DutySum({ draft: d }: { draft: DutyDraft }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const check = budgetCheck(d, lang);
  return (
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
              ? `职责预算 ${wanShown(d.statedBudget)} 万元，工作活动合计 ${check.sumWan} 万元（${check.sumYuan} 元），相差 ${check.differenceWan} 万元（${check.differenceYuan} 元）`
              : `Duty budget ${wanShown(d.statedBudget)} 万元, activities sum to ${check.sumWan} 万元 (${check.sumYuan} 元), difference ${check.differenceWan} 万元 (${check.differenceYuan} 元)`
          }
        />
      )}
    </div>
  );
}
