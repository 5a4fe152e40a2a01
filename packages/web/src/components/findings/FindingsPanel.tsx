import { Alert, App, Button, Card, Input, List, Modal, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { DECISION_TYPES, type ReviewFinding, type ReviewType, VERDICTS, type Verdict } from "./api.ts";
import { findingKey, findingText, SEVERITY_TEXT, SeverityIcon } from "./RowFindings.tsx";
import type { Findings } from "./useFindings.ts";

const VERDICT_COLOR: Record<Verdict, string> = { 优: "green", 良: "blue", 中: "orange", 差: "red" };

export interface FindingsPanelProps {
  type: ReviewType;
  findings: Findings;
  /** Where a finding is, as the page names it (`第 3 行 组织培训人数`); undefined: the record as a whole. */
  describe?(f: ReviewFinding): string | undefined;
  /** A finding of the list was clicked: bring its row into view. */
  onSelect?(f: ReviewFinding): void;
  /** Applies a finding's one-click fix to the page's rows (absent, or the page read-only: no button). */
  onFix?(f: ReviewFinding): void;
}

/**
 * The review of a stored record above its rows: a summary bar (errors / warnings / notes, the verdict 优/良/中/差
 * with its reasons, the reviewer's decision, the button to record one for those who may) and the list of findings,
 * each taking the page to its row when clicked.
 */
export function FindingsPanel({ type, findings, describe, onSelect, onFix }: FindingsPanelProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { review, error } = findings;
  const [open, setOpen] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const canDecide =
    DECISION_TYPES.includes(type) && !!user?.roles.some((r) => r === "reviewer" || r === "unit_approver");

  if (error && !review)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="findings-error"
        title={zh ? "未能取得自动审核结果" : "The automatic review could not be fetched"}
        description={describeError(error, lang)}
        action={<Button onClick={findings.reload}>{zh ? "重试" : "Retry"}</Button>}
      />
    );
  if (!review) return null;

  const d = review.decision;
  const counts: [keyof typeof review.counts, string][] = [
    ["error", "red"],
    ["warning", "orange"],
    ["info", "blue"],
  ];
  return (
    <Card size="small" data-testid="findings-summary" styles={{ body: { padding: "8px 12px" } }}>
      <Space wrap size={[8, 4]} style={{ width: "100%" }}>
        <Typography.Text strong>{zh ? "自动审核" : "Automatic review"}</Typography.Text>
        {counts.map(([s, color]) => (
          <Tag key={s} color={review.counts[s] ? color : undefined} data-testid={`findings-count-${s}`}>
            {SEVERITY_TEXT[s][zh ? 0 : 1]} {review.counts[s]}
          </Tag>
        ))}
        <span>
          {zh ? "系统结论" : "Verdict"}{" "}
          {review.verdict === null ? (
            <Tag data-testid="findings-verdict">{zh ? "未能判断" : "cannot judge"}</Tag>
          ) : (
            <>
              <Tag color={VERDICT_COLOR[review.verdict]} data-testid="findings-verdict">
                {review.verdict}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {zh ? `${review.verdictPoints} 分` : `${review.verdictPoints} points`}
              </Typography.Text>
            </>
          )}
        </span>
        {d && (
          <span data-testid="findings-decision">
            {zh ? "审核人结论" : "Reviewer"}{" "}
            {(d.reviewerVerdict ?? d.verdict) !== null && (
              <Tag color={VERDICT_COLOR[(d.reviewerVerdict ?? d.verdict)!]}>{d.reviewerVerdict ?? d.verdict}</Tag>
            )}
            {d.comment && <Typography.Text type="secondary">{d.comment}</Typography.Text>}
            {!d.current && (
              <Tag color="default" style={{ marginLeft: 4 }}>
                {zh ? "之后已修改" : "changed since"}
              </Tag>
            )}
          </span>
        )}
        {canDecide && (
          <Button size="small" data-testid="findings-decide" onClick={() => setDeciding(true)}>
            {zh ? "记录审核结论" : "Record the decision"}
          </Button>
        )}
        {review.findings.length > 0 && (
          <Button size="small" type="link" data-testid="findings-toggle" onClick={() => setOpen((o) => !o)}>
            {open
              ? zh
                ? "收起问题清单"
                : "Hide the list"
              : zh
                ? `问题清单（${review.findings.length}）`
                : `List (${review.findings.length})`}
          </Button>
        )}
      </Space>
      <div style={{ color: "#666", fontSize: 12, marginTop: 4 }} data-testid="findings-reasons">
        {review.reasons.map((r) => (zh ? r.zh : r.en)).join(zh ? "；" : "; ")}
      </div>
      {open && (
        <List
          size="small"
          data-testid="findings-list"
          style={{ maxHeight: 220, overflowY: "auto", marginTop: 6 }}
          dataSource={review.findings}
          renderItem={(f) => {
            const where = describe?.(f);
            return (
              <List.Item
                key={findingKey(f)}
                data-testid="findings-item"
                data-record={f.record?.id}
                style={{ cursor: onSelect && f.record ? "pointer" : undefined, padding: "4px 0" }}
                onClick={() => onSelect?.(f)}
              >
                <Space align="start" size={6}>
                  <SeverityIcon severity={f.severity} />
                  <span>
                    {where && <Typography.Text strong>{where} · </Typography.Text>}
                    {findingText(f, zh)}
                  </span>
                  {f.fix && onFix && <FixButton finding={f} zh={zh} onFix={onFix} />}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {deciding && <DecisionDialog findings={findings} onClose={() => setDeciding(false)} />}
    </Card>
  );
}

/** Accept the engine's verdict, or overrule it with a comment (the server requires one for another verdict). */
function DecisionDialog({ findings, onClose }: { findings: Findings; onClose(): void }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const engine = findings.review!.verdict;
  const [verdict, setVerdict] = useState<Verdict>(findings.review!.decision?.reviewerVerdict ?? engine ?? "中");
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const needsComment = verdict !== engine && comment.trim() === "";
  const save = async () => {
    setBusy(true);
    try {
      await findings.decide(verdict, comment.trim() || undefined);
      message.success(zh ? "审核结论已记录" : "Decision recorded");
      onClose();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={zh ? "记录审核结论" : "Record the review decision"}
      okText={verdict === engine ? (zh ? "采纳系统结论" : "Accept") : zh ? "改判" : "Overrule"}
      okButtonProps={{ disabled: needsComment, loading: busy, id: "findings-decision-ok" }}
      onOk={save}
      onCancel={onClose}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text>
          {zh ? `系统结论：${engine ?? "未能判断"}` : `The engine's verdict: ${engine ?? "cannot judge"}`}
        </Typography.Text>
        <Select<Verdict>
          value={verdict}
          onChange={setVerdict}
          style={{ width: 120 }}
          data-testid="findings-decision-verdict"
          options={VERDICTS.map((v) => ({ value: v, label: v }))}
        />
        <Input.TextArea
          rows={3}
          value={comment}
          data-testid="findings-decision-comment"
          onChange={(e) => setComment(e.target.value)}
          placeholder={
            verdict === engine
              ? zh
                ? "意见（可不填）"
                : "Comment (optional)"
              : zh
                ? "改判须说明理由"
                : "A different verdict needs a comment"
          }
        />
      </Space>
    </Modal>
  );
}

/** A finding's one-click fix: what it changes, confirmed, then applied to the page's rows (saved with the page). */
function FixButton({ finding, zh, onFix }: { finding: ReviewFinding; zh: boolean; onFix(f: ReviewFinding): void }) {
  const { modal } = App.useApp();
  const fix = finding.fix!;
  return (
    <Button
      size="small"
      type="link"
      data-testid="findings-fix"
      onClick={(e) => {
        e.stopPropagation();
        modal.confirm({
          title: zh ? fix.label.zh : fix.label.en,
          content: (
            <div data-testid="findings-fix-changes">
              {fix.changes.map((c) => (
                <div key={c.index}>
                  {c.name}：{c.from} → {c.to}
                </div>
              ))}
              <Typography.Text type="secondary">
                {zh ? "改在当前表格中，保存后生效。" : "Changes the rows on the page; they take effect when saved."}
              </Typography.Text>
            </div>
          ),
          okText: zh ? "按此修改" : "Apply",
          cancelText: zh ? "取消" : "Cancel",
          onOk: () => onFix(finding),
        });
      }}
    >
      {zh ? fix.label.zh : fix.label.en}
    </Button>
  );
}
