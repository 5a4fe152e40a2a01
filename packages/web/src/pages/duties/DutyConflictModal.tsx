import { Descriptions, Typography } from "antd";
import { ConflictModal } from "../../components/ConflictModal.tsx";
import { useI18n } from "../../i18n.tsx";
import { wanShown } from "../budget/model.ts";
import type { Duty } from "./api.ts";
import type { DutyDraft } from "./model.ts";
import { wanText } from "./model.ts";

/** A save of the duty answered 409: the duty as it is now on the server beside one's own edits. */
export function DutyConflictModal(p: {
  open: boolean;
  current: Duty | undefined;
  draft: DutyDraft | undefined;
  busy: boolean;
  onReapply(current: Duty): void;
  onKeepServer(): void;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { current, draft } = p;
  return (
    <ConflictModal
      open={p.open}
      title={zh ? "他人已修改这项职责" : "Someone else changed this duty"}
      ids={{ reapply: "conflict-reapply", keepServer: "conflict-reload" }}
      reapplyDisabled={!current}
      busy={p.busy}
      onReapply={() => current && p.onReapply(current)}
      onKeepServer={p.onKeepServer}
    >
      <div data-testid="duty-conflict">
        <Typography.Paragraph>
          {zh
            ? "您编辑期间，这项职责已被他人保存（下为服务器上的当前内容）。重新应用时，您的修改写到当前版本之上；或者放弃您的修改，采用服务器上的内容。"
            : "While you were editing, this duty was saved by someone else (below, as it is now on the server). Applying again writes your edits over the current version; or drop yours and keep the server's."}
        </Typography.Paragraph>
        {current && (
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t("edit.onServer")}>
              {current.name} · {wanShown(wanText(current.statedBudget)) || "—"} 万元 ·{" "}
              {zh ? `第 ${current.version} 版` : `version ${current.version}`}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? "其工作活动" : "Its activities"}>
              {current.activities.map((a) => `${a.name}（${wanShown(wanText(a.budget)) || "—"} 万元）`).join("；") ||
                "—"}
            </Descriptions.Item>
            {draft && (
              <Descriptions.Item label={t("edit.yours")}>
                {draft.name} · {wanShown(draft.statedBudget) || "—"} 万元 ·{" "}
                {draft.activities.map((a) => `${a.name}（${a.budget ? wanShown(a.budget) : "—"} 万元）`).join("；")}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </div>
    </ConflictModal>
  );
}
