import { Tag, Typography } from "antd";
import { useI18n } from "../../i18n.tsx";
import type { SectionProps } from "./fields.tsx";
import { LineTable } from "./LineTable.tsx";
import { type ProcurementDraft, procurementProduct, totalOf } from "./model.ts";

/** 政府采购: the lines with quantity × unit price checked against the amount as typed, and the total. */
export function ProcurementTable({ d, editable, set }: SectionProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const total = totalOf(
    "",
    d.procurement.map((l) => l.amount),
  );
  return (
    <LineTable<ProcurementDraft>
      testId="procurement"
      rows={d.procurement}
      editable={editable}
      onChange={(rows) => set("procurement", rows)}
      empty={() => ({
        catalogCode: "",
        itemName: "",
        category: "",
        quantity: "",
        unit: "",
        unitPrice: "",
        amount: "",
        fundingSource: "",
      })}
      columns={[
        { key: "catalogCode", title: zh ? "品目编码" : "Catalog", width: 90 },
        { key: "itemName", title: zh ? "名称" : "Item", width: 160 },
        {
          key: "category",
          title: zh ? "类别" : "Kind",
          width: 90,
          kind: "select",
          options: [
            { value: "", label: "—" },
            { value: "goods", label: zh ? "货物" : "goods" },
            { value: "works", label: zh ? "工程" : "works" },
            { value: "services", label: zh ? "服务" : "services" },
          ],
        },
        { key: "quantity", title: zh ? "数量" : "Qty", width: 80 },
        { key: "unit", title: zh ? "单位" : "Unit", width: 60 },
        { key: "unitPrice", title: zh ? "单价（万元）" : "Unit price (万元)", width: 110, kind: "money" },
        { key: "amount", title: zh ? "金额（万元）" : "Amount (万元)", width: 110, kind: "money" },
        { key: "fundingSource", title: zh ? "资金来源" : "Funding", width: 110 },
      ]}
      extra={[
        {
          title: zh ? "数量 × 单价" : "Qty × price",
          width: 170,
          render: (r, i) => {
            const p = procurementProduct(r);
            if (!p) return <span data-testid={`procurement-${i}-check`}>—</span>;
            return (
              <Tag
                color={p.holds ? "green" : "red"}
                data-testid={`procurement-${i}-check`}
                data-holds={p.holds ? "yes" : "no"}
                style={{ whiteSpace: "normal" }}
              >
                {p.holds
                  ? `= ${p.productWan} 万元`
                  : zh
                    ? `= ${p.productWan} 万元（${p.productYuan} 元），与金额不符`
                    : `= ${p.productWan} 万元 (${p.productYuan} 元), not the amount`}
              </Tag>
            );
          },
        },
      ]}
      footer={
        <Typography.Text strong data-testid="procurement-total">
          {zh ? "合计" : "Total"} {total.sumWan} 万元（{total.sumYuan} 元）
        </Typography.Text>
      }
    />
  );
}
