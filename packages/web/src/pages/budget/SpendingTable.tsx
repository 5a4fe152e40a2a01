import { Space, Typography } from "antd";
import { useI18n } from "../../i18n.tsx";
import type { SectionProps } from "./fields.tsx";
import { LineTable } from "./LineTable.tsx";
import { change, type SpendingDraft, totalOf } from "./model.ts";

/** 基本支出 or 项目支出: the lines of one kind beside the prior year, with the subtotal (basic: by 人员 / 公用). */
export function SpendingTable({ kind, d, editable, set }: SectionProps & { kind: "basic" | "project" }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const rows = d.spending.filter((l) => l.kind === kind);
  const sumOf = (lines: SpendingDraft[]) =>
    totalOf(
      "",
      lines.map((l) => l.amount),
    );
  const sub = sumOf(rows);
  const personnel = sumOf(rows.filter((l) => l.subkind === "personnel"));
  const pub = sumOf(rows.filter((l) => l.subkind === "public"));
  const subkinds = [
    { value: "", label: "—" },
    { value: "personnel", label: zh ? "人员经费" : "personnel" },
    { value: "public", label: zh ? "公用经费" : "public" },
  ];
  return (
    <LineTable<SpendingDraft>
      testId={`spending-${kind}`}
      rows={rows}
      editable={editable}
      onChange={(next) => set("spending", [...d.spending.filter((l) => l.kind !== kind), ...next])}
      empty={() => ({ kind, subkind: "", classCode: "", name: "", amount: "", priorAmount: "" })}
      columns={[
        { key: "classCode", title: zh ? "科目编码" : "Class", width: 110 },
        { key: "name", title: zh ? "名称" : "Name", width: 240 },
        ...(kind === "basic"
          ? [
              {
                key: "subkind" as const,
                title: zh ? "类型" : "Type",
                width: 110,
                kind: "select" as const,
                options: subkinds,
              },
            ]
          : []),
        { key: "amount", title: zh ? "本年（万元）" : "This year (万元)", width: 130, kind: "money" },
        { key: "priorAmount", title: zh ? "上年（万元）" : "Prior year (万元)", width: 130, kind: "money" },
      ]}
      extra={[
        {
          title: zh ? "增减（万元）" : "Change (万元)",
          width: 110,
          render: (r) => change(r.amount, r.priorAmount) ?? "—",
        },
      ]}
      footer={
        <Space wrap>
          <Typography.Text strong data-testid={`spending-${kind}-total`}>
            {zh ? "小计" : "Subtotal"} {sub.sumWan} 万元（{sub.sumYuan} 元）
          </Typography.Text>
          {kind === "basic" && (
            <Typography.Text type="secondary">
              {zh
                ? `其中人员经费 ${personnel.sumWan} 万元，公用经费 ${pub.sumWan} 万元`
                : `of which personnel ${personnel.sumWan} 万元, public ${pub.sumWan} 万元`}
            </Typography.Text>
          )}
        </Space>
      }
    />
  );
}
