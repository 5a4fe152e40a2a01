import { Tag } from "antd";
import { useI18n } from "../../i18n.tsx";
import type { DeadlineStatus } from "./api.ts";

/** 剩余N天 (blue; orange within 3 days) / 今天截止 / 已逾期N天 (red). */
export function DeadlineTag({ status }: { status: DeadlineStatus | null }) {
  const { lang } = useI18n();
  if (!status) return <Tag>{lang === "zh" ? "未设定" : "not set"}</Tag>;
  const color = status.overdue ? "red" : status.dueSoon ? "orange" : "blue";
  return (
    <Tag color={color} data-testid="deadline-tag" data-days-left={status.daysLeft}>
      {lang === "zh" ? status.label : status.labelEn}
    </Tag>
  );
}
