/**
 * 结转上年 (issue 17 point 4): on a record carried forward from last year, which record of which year it was
 * started from, and that last year's target and actual stand beside each indicator for the unit to set this year's.
 */
import { Alert } from "antd";
import type { CarriedRecord } from "./api.ts";

const KIND: Record<CarriedRecord["kind"], [string, string]> = {
  project: ["本项目", "This project"],
  duty: ["本职责", "This duty"],
  goal: ["本整体绩效目标", "This overall goal"],
};

export function CarriedFrom({ record, year, zh }: { record: CarriedRecord | undefined; year: number; zh: boolean }) {
  if (!record) return null;
  const [kz, ke] = KIND[record.kind];
  return (
    <Alert
      type="info"
      showIcon
      data-testid="carried-from"
      title={
        zh
          ? `${kz}由 ${year - 1} 年「${record.name}」结转而来`
          : `${ke} was carried forward from ${year - 1}: ${record.name}`
      }
      description={
        zh
          ? "各指标旁显示上年指标值和实际完成值，请据此确定本年指标值。"
          : "Last year's target and actual stand beside each indicator: set this year's from them."
      }
    />
  );
}
