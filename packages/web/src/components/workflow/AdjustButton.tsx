/**
 * 「预算调整」 with its confirmation, the same for a project and a department budget: the button (with why an
 * approved record is adjusted rather than edited), the dialog saying what the new revision copies, then `onConfirm`.
 */
import { App, Button, Tooltip } from "antd";
import { useI18n } from "../../i18n.tsx";

export function AdjustButton(props: {
  testIds: { button: string; confirm: string; text: string };
  /** What is adjusted, for the tooltip: 项目 / 预算 (project / budget). */
  what: { zh: string; en: string };
  /** What the new revision copies and what stays, in the user's language. */
  confirmText: string;
  busy: boolean;
  onConfirm(): Promise<void>;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { modal } = App.useApp();
  const ask = () =>
    modal.confirm({
      title: zh ? "预算调整" : "Adjust the budget",
      content: <div data-testid={props.testIds.text}>{props.confirmText}</div>,
      okText: zh ? "新建调整版本" : "Make the adjustment",
      cancelText: zh ? "取消" : "Cancel",
      okButtonProps: { id: props.testIds.confirm },
      onOk: props.onConfirm,
    });
  return (
    <Tooltip
      title={
        zh
          ? `已审核的${props.what.zh}不能直接修改；调整会新建一个版本`
          : `An approved ${props.what.en} is not edited: adjusting makes a new revision`
      }
    >
      <Button data-testid={props.testIds.button} loading={props.busy} onClick={ask}>
        {zh ? "预算调整" : "Adjust"}
      </Button>
    </Tooltip>
  );
}
