import { Alert, App, Button, Card, Descriptions, Input, Space, Spin, Timeline, Typography, Upload } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { type RectItemDetail, rectificationEndpoints, SOURCE_TEXT, STATE_TEXT, type Step } from "./api.ts";
import { RectStateTag } from "./StateTag.tsx";

const ACTION_TEXT: Record<string, [string, string]> = {
  create: ["下达整改", "Created"],
  answer: ["填报整改情况", "Answered"],
  submit: ["提交整改情况", "Submitted"],
  accept: ["验收通过", "Accepted"],
  return: ["退回整改", "Returned"],
};

/** The page of the record an item was found on. */
const SOURCE_PAGE: Record<string, (id: string) => string> = {
  project: (id) => `/projects/${id}`,
  department_goal: (id) => `/goals/${id}`,
  self_evaluation: (id) => `/self-evaluation/${id}`,
  monitoring_record: (id) => `/monitoring/records/${id}`,
};

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;

/**
 * One rectification item: the problem and the measures required; the unit's answer (measures taken, evidence files)
 * saved, then submitted after a confirmation; the reviewer accepts or returns it with a comment (confirmed); the
 * item's history.
 */
export default function RectificationItemPage() {
  const { id } = useParams();
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const [item, setItem] = useState<RectItemDetail>();
  const [error, setError] = useState<string>();
  const [measures, setMeasures] = useState("");
  const [busy, setBusy] = useState(false);
  const comment = useRef("");

  const load = useCallback(async () => {
    if (!id) return;
    try {
      const i = await rectificationEndpoints.get(id);
      setItem(i);
      setMeasures(i.measuresTaken ?? "");
      setError(undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [id, lang]);
  useEffect(() => {
    load();
  }, [load]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!item) return <Spin />;
  const roles = user?.roles ?? [];
  const unit = roles.includes("filler") && item.answerable;
  const reviewer = roles.includes("reviewer") && item.state === "submitted";

  const run = async (f: () => Promise<RectItemDetail>, done: string) => {
    setBusy(true);
    try {
      const next = await f();
      setItem(next);
      setMeasures(next.measuresTaken ?? "");
      message.success(done);
    } catch (e) {
      message.error(describeError(e, lang));
      await load();
      throw e;
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(
      () => rectificationEndpoints.answer(item.id, { version: item.version, measuresTaken: measures || null }),
      zh ? "已保存整改情况" : "Saved",
    ).catch(() => undefined);

  const submit = () =>
    modal.confirm({
      title: zh ? "提交整改情况" : "Submit the answer",
      content: (
        <span data-testid="rect-confirm-text">
          {zh
            ? `提交后由审核人验收，整改措施和佐证材料（${item.attachmentList.length} 个）不能再修改。`
            : `The reviewer then accepts or returns it; the measures and evidence (${item.attachmentList.length}) can no longer change.`}
        </span>
      ),
      okText: zh ? "提交" : "Submit",
      okButtonProps: { id: "rect-confirm-ok" },
      onOk: () =>
        run(
          () => rectificationEndpoints.submit(item.id, { version: item.version, measuresTaken: measures || null }),
          zh ? "已提交" : "Submitted",
        ),
    });

  const accept = () =>
    modal.confirm({
      title: zh ? "验收通过" : "Accept",
      content: (
        <span data-testid="rect-confirm-text">
          {zh ? "确认该问题已整改到位，验收通过？" : "Confirm that the problem has been rectified?"}
        </span>
      ),
      okText: zh ? "验收通过" : "Accept",
      okButtonProps: { id: "rect-confirm-ok" },
      onOk: () =>
        run(() => rectificationEndpoints.accept(item.id, { version: item.version }), zh ? "已验收" : "Accepted"),
    });

  const giveBack = () => {
    comment.current = "";
    modal.confirm({
      title: zh ? "退回整改" : "Return",
      content: (
        <Space direction="vertical" style={{ width: "100%" }}>
          <span data-testid="rect-confirm-text">
            {zh ? "退回后由单位重新整改并提交。请说明退回理由：" : "The unit answers again. Say why:"}
          </span>
          <Input.TextArea
            rows={3}
            data-testid="rect-return-comment"
            onChange={(e) => {
              comment.current = e.target.value;
            }}
          />
        </Space>
      ),
      okText: zh ? "退回" : "Return",
      okButtonProps: { id: "rect-confirm-ok", danger: true },
      onOk: () => {
        if (!comment.current.trim()) {
          message.error(zh ? "请填写退回理由" : "Write why");
          return Promise.reject(new Error("comment"));
        }
        return run(
          () => rectificationEndpoints.return(item.id, { version: item.version, comment: comment.current }),
          zh ? "已退回" : "Returned",
        );
      },
    });
  };

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await rectificationEndpoints.attach(item.id, file);
      message.success(zh ? `已上传 ${file.name}` : `Uploaded ${file.name}`);
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
      await load();
    }
  };

  const detach = async (attachmentId: string) => {
    try {
      await rectificationEndpoints.detach(attachmentId);
    } catch (e) {
      message.error(describeError(e, lang));
    }
    await load();
  };

  const stepText = (s: Step) => {
    const [cn, en] = ACTION_TEXT[s.action] ?? [s.action, s.action];
    const to = STATE_TEXT[s.toState];
    return `${new Date(s.at).toLocaleString(zh ? "zh-CN" : "en-GB")} ${s.actorName ?? ""} ${zh ? cn : en} → ${zh ? to[0] : to[1]}${s.comment ? (zh ? `：${s.comment}` : `: ${s.comment}`) : ""}`;
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="rect-item-page">
      <Card
        size="small"
        title={
          <Space>
            <Link to="/rectification">{zh ? "整改" : "Rectification"}</Link>
            <span>/</span>
            <span>{item.orgName}</span>
            <RectStateTag state={item.state} overdue={item.overdue} days={item.daysOverdue} zh={zh} />
          </Space>
        }
        extra={
          <Space>
            {reviewer && (
              <>
                <Button danger onClick={giveBack} disabled={busy} data-testid="rect-return">
                  {zh ? "退回整改" : "Return"}
                </Button>
                <Button type="primary" onClick={accept} disabled={busy} data-testid="rect-accept">
                  {zh ? "验收通过" : "Accept"}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={zh ? "问题" : "Problem"} span={2}>
            <span data-testid="rect-problem-text">{item.problem}</span>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "整改要求" : "Measures required"} span={2}>
            {item.requiredMeasures}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "来源" : "Source"}>
            {zh ? SOURCE_TEXT[item.source.kind][0] : SOURCE_TEXT[item.source.kind][1]}
            {item.source.ref ? `（${item.source.ref}）` : ""}
            {item.source.entityType && item.source.entityId && SOURCE_PAGE[item.source.entityType] && (
              <>
                {" "}
                <Link to={SOURCE_PAGE[item.source.entityType]!(item.source.entityId)} data-testid="rect-source-link">
                  {zh ? "查看来源记录" : "Open the source record"}
                </Link>
              </>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "整改期限" : "Deadline"}>{item.deadline}</Descriptions.Item>
          {item.reviewComment && (
            <Descriptions.Item label={zh ? "审核意见" : "Reviewer's comment"} span={2}>
              <Typography.Text
                type={item.state === "returned" ? "danger" : undefined}
                data-testid="rect-review-comment"
              >
                {item.reviewComment}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={zh ? "整改情况" : "The unit's answer"}>
        {unit ? (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Input.TextArea
              rows={4}
              maxLength={4000}
              value={measures}
              onChange={(e) => setMeasures(e.target.value)}
              placeholder={zh ? "已采取的整改措施及成效" : "Measures taken and their effect"}
              data-testid="rect-measures"
            />
            <Space>
              <Button onClick={save} loading={busy} data-testid="rect-save">
                {zh ? "保存" : "Save"}
              </Button>
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  upload(file);
                  return false;
                }}
              >
                <Button disabled={busy} data-testid="rect-upload">
                  {zh ? "上传佐证材料" : "Attach evidence"}
                </Button>
              </Upload>
              <Button type="primary" onClick={submit} disabled={busy || !measures.trim()} data-testid="rect-submit">
                {zh ? "提交" : "Submit"}
              </Button>
            </Space>
          </Space>
        ) : (
          <Typography.Paragraph data-testid="rect-measures-text">
            {item.measuresTaken ?? (zh ? "（尚未填报）" : "(not answered yet)")}
          </Typography.Paragraph>
        )}
        <Typography.Text strong>{zh ? "佐证材料" : "Evidence"}</Typography.Text>
        <ul data-testid="rect-attachments">
          {item.attachmentList.length === 0 && <li>{zh ? "（无）" : "(none)"}</li>}
          {item.attachmentList.map((a) => (
            <li key={a.id}>
              <a href={rectificationEndpoints.attachmentUrl(a.id)} data-testid="rect-attachment">
                {a.fileName}
              </a>{" "}
              <Typography.Text type="secondary">{size(a.size)}</Typography.Text>{" "}
              {unit && (
                <Button size="small" type="link" danger onClick={() => detach(a.id)}>
                  {zh ? "删除" : "Remove"}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card size="small" title={zh ? "整改过程" : "History"}>
        <Timeline
          data-testid="rect-history"
          items={item.steps.map((s) => ({ children: stepText(s), color: s.action === "return" ? "red" : undefined }))}
        />
      </Card>
    </Space>
  );
}
