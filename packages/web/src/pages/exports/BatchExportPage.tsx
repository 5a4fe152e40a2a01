import { DownloadOutlined, FileZipOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Descriptions, Progress, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { oneLanguage } from "../../lib/fieldLabels.ts";
import { useWorkspace } from "../../workspace.tsx";
import {
  BATCH_DOCUMENTS,
  type BatchDocument,
  type BatchError,
  type BatchFormat,
  type BatchJob,
  batchEndpoints,
} from "./api.ts";

const FORMATS: [BatchFormat, string][] = [
  ["xlsx", "Excel (xlsx)"],
  ["docx", "Word (docx)"],
  ["pdf", "PDF"],
];

const STATE_TEXT: Record<BatchJob["state"], [string, string, string]> = {
  queued: ["排队中", "Queued", "default"],
  running: ["导出中", "Running", "processing"],
  completed: ["已完成", "Completed", "success"],
  failed: ["失败", "Failed", "error"],
};

/**
 * 批量导出: every document of the organisation chosen in the header (with its sub-units) for the header's year,
 * written by a background job into one zip. The page starts the job, follows its progress (the job id stays
 * in the address, so a reload keeps following it) and offers the zip when it is done.
 */
export default function BatchExportPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const [params, setParams] = useSearchParams();
  const jobId = params.get("job") ?? undefined;
  const [documents, setDocuments] = useState<BatchDocument[]>(BATCH_DOCUMENTS.map(([d]) => d));
  const [formats, setFormats] = useState<BatchFormat[]>(["xlsx"]);
  const [job, setJob] = useState<BatchJob>();
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const org = ws.orgs.find((o) => o.id === ws.orgId);

  // Follow the job: every second until it has completed or failed.
  useEffect(() => {
    if (!jobId) {
      setJob(undefined);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      batchEndpoints.get(jobId).then(
        (j) => {
          if (!live) return;
          setJob(j);
          if (j.state === "queued" || j.state === "running") timer = setTimeout(poll, 1000);
        },
        (e) => live && setError(describeError(e, lang)),
      );
    };
    poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, lang]);

  const start = useCallback(async () => {
    if (!ws.orgId) return;
    setStarting(true);
    setError(undefined);
    try {
      const r = await batchEndpoints.start({ orgId: ws.orgId, year: ws.year, documents, formats });
      setJob(undefined);
      setParams({ job: r.jobId });
    } catch (e) {
      setError(describeError(e, lang));
    } finally {
      setStarting(false);
    }
  }, [ws.orgId, ws.year, documents, formats, setParams, lang]);

  const running = job?.state === "queued" || job?.state === "running";
  const percent = job?.total ? Math.floor((job.done / job.total) * 100) : job?.state === "completed" ? 100 : 0;
  const state = job ? STATE_TEXT[job.state] : undefined;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="batch-export-page">
      <Card
        title={
          <Space>
            <FileZipOutlined />
            {zh ? "批量导出" : "Batch export"}
          </Space>
        }
      >
        <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={zh ? "单位（含下级单位）" : "Organisation (with its sub-units)"}>
            <span data-testid="batch-org">{org?.name ?? "—"}</span>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "年度" : "Year"}>
            <span data-testid="batch-year">{ws.year}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">
          {zh
            ? "单位和年度在页面顶部切换。导出在后台进行，完成后下载一个压缩包：每个单位一个文件夹；某个文书写不出时，其余照常导出，原因列在压缩包内的 errors.txt。"
            : "Change the organisation and the year at the top of the page. The export runs in the background and gives one zip: a folder per organisation; a document that cannot be written does not stop the others, the reason is listed in errors.txt inside the zip."}
        </Typography.Paragraph>
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          <div>
            <Typography.Text strong>{zh ? "文书" : "Documents"}</Typography.Text>
            <div>
              <Checkbox.Group
                data-testid="batch-documents"
                value={documents}
                onChange={(v) => setDocuments(v as BatchDocument[])}
                options={BATCH_DOCUMENTS.map(([d, z, e]) => ({ value: d, label: zh ? z : e }))}
              />
            </div>
          </div>
          <div>
            <Typography.Text strong>{zh ? "格式" : "Formats"}</Typography.Text>
            <div>
              <Checkbox.Group
                data-testid="batch-formats"
                value={formats}
                onChange={(v) => setFormats(v as BatchFormat[])}
                options={FORMATS.map(([f, label]) => ({ value: f, label }))}
              />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {zh
                ? "PDF 需要服务器安装 LibreOffice 或中文字体，且每份约需数秒；不可用时服务器会直接说明。"
                : "PDF needs LibreOffice or a CJK font on the server and takes a few seconds per document; the server says so when it cannot."}
            </Typography.Text>
          </div>
          <Button
            type="primary"
            icon={<FileZipOutlined />}
            onClick={start}
            loading={starting}
            disabled={!ws.orgId || documents.length === 0 || formats.length === 0 || running}
            data-testid="batch-start"
          >
            {zh ? "开始导出" : "Start the export"}
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} data-testid="batch-error" />}
      {job && state && (
        <Card
          title={zh ? "导出进度" : "Progress"}
          extra={
            <Tag color={state[2]} data-testid="batch-state">
              {zh ? state[0] : state[1]}
            </Tag>
          }
          data-testid="batch-job"
        >
          <Progress
            percent={percent}
            status={job.state === "failed" ? "exception" : job.state === "completed" ? "success" : "active"}
            data-testid="batch-progress"
          />
          <Typography.Paragraph type="secondary" data-testid="batch-message">
            {job.total !== null ? `${job.done} / ${job.total}` : ""}
            {job.message && running ? ` · ${oneLanguage(job.message, lang)}` : ""}
          </Typography.Paragraph>
          {job.state === "failed" && (
            <Alert
              type="error"
              showIcon
              message={(zh ? job.error?.message : (job.error?.messageEn ?? job.error?.message)) ?? ""}
            />
          )}
          {job.result && (
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Space wrap>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={batchEndpoints.fileUrl(job.id)}
                  download={job.result.zip.fileName}
                  data-testid="batch-download"
                >
                  {zh ? "下载压缩包" : "Download the zip"}
                </Button>
                <Typography.Text data-testid="batch-summary">
                  {zh
                    ? `${job.result.zip.fileName}：${job.result.counts.files} 个文件，${(job.result.zip.size / 1024).toFixed(0)} KB，错误 ${job.result.counts.errors} 个`
                    : `${job.result.zip.fileName}: ${job.result.counts.files} files, ${(job.result.zip.size / 1024).toFixed(0)} KB, ${job.result.counts.errors} errors`}
                </Typography.Text>
              </Space>
              {job.result.errors.length > 0 && (
                <Table<BatchError>
                  size="small"
                  rowKey={(e) => `${e.organisation}/${e.document}/${e.record}/${e.format}`}
                  dataSource={job.result.errors}
                  pagination={false}
                  data-testid="batch-errors"
                  columns={[
                    { title: zh ? "单位" : "Organisation", dataIndex: "organisation" },
                    { title: zh ? "文书" : "Document", dataIndex: "document" },
                    { title: zh ? "记录" : "Record", dataIndex: "record" },
                    { title: zh ? "格式" : "Format", dataIndex: "format" },
                    { title: zh ? "原因" : "Reason", render: (_, e) => (zh ? e.message : e.messageEn) },
                  ]}
                />
              )}
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
