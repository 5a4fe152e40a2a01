import { Tag } from "antd";
import { type RectState, STATE_TEXT } from "./api.ts";

/** 待整改 / 整改中 / 已提交 / 已验收 / 退回, and 逾期 N 天 beside it when overdue. */
export function RectStateTag({
  state,
  overdue,
  days,
  zh,
}: {
  state: RectState;
  overdue?: boolean;
  days?: number;
  zh: boolean;
}) {
  const [cn, en, color] = STATE_TEXT[state];
  return (
    <span>
      <Tag color={color} data-testid="rect-state" data-state={state}>
        {zh ? cn : en}
      </Tag>
      {overdue && (
        <Tag color="red" data-testid="rect-overdue">
          {zh ? `逾期${days ? ` ${days} 天` : ""}` : `Overdue${days ? ` ${days} d` : ""}`}
        </Tag>
      )}
    </span>
  );
}
