import { InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Progress, Row, Space, Steps, Table, Tag, Typography, Upload } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { formatLocation } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";
import { type ImportView, importApi } from "./api.ts";
import { CoveragePanel, kindName } from "./CoveragePanel.tsx";
import { ImportFindings } from "./ImportFindings.tsx";
import { PasteTable } from "./PasteTable.tsx";
import { UnitMapping, unitOfKey } from "./UnitMapping.tsx";

const KIND: Record<string, [string, string]> = {
  project: ["项目", "project"],
  duty: ["职责活动", "duty"],
  evaluation: ["自评", "self-evaluation"],
  budget: ["部门预算", "budget"],
  organisation: ["单位", "organisation"],
};
const ACTION: Record<string, [string, string, string]> = {
  create: ["新建", "create", "green"],
  update: ["更新", "update", "blue"],
  skip: ["跳过", "skip", "default"],
  match: ["对应", "match", "cyan"],
};
const SEVERITY: Record<string, [string, string, string]> = {
  error: ["错误", "error", "red"],
  warning: ["警告", "warning", "orange"],
  info: ["提示", "note", "default"],
};

/**
 * 导入: upload a Word, Excel, PDF or text file, or paste a table copied from Excel / Word / WPS (PasteTable.tsx),
 * into the organisation and year chosen in the header → the server's preview (what a commit will create or
 * update, the problems at their row and column) → commit.
 * Large files are read by a job: the preview is polled until it is ready. A document of several units (seed 001: a
 * police bureau and its traffic brigade) shows where each unit goes; the user may map a unit onto another
 * organisation under the chosen one (`unitOrgs` at commit), and a refused mapping is shown at the unit's row.
 */
export default function ImportPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<ImportView>();
  /** Unit name → organisation id chosen instead of the server's proposal. */
  const [unitOrgs, setUnitOrgs] = useState<Record<string, string>>({});
  /** The server's refusal of a mapping, by unit name. */
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<string>();
  const orgName = ws.orgs.find((o) => o.id === ws.orgId)?.name ?? "—";
  // Units mapped by hand onto other organisations and not imported yet: leaving the page asks first (issue 13).
  useLeaveGuard(preview?.state === "preview" && Object.keys(unitOrgs).length > 0);

  // A large file: the server reads it in the background; ask again each second.
  useEffect(() => {
    if (preview?.state !== "reading") return;
    const h = setTimeout(
      () => importApi.get(preview.id).then(setPreview, (e) => setError(describeError(e, lang))),
      1000,
    );
    return () => clearTimeout(h);
  }, [preview, lang]);

  const upload = async (file: File) => {
    if (!ws.orgId) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    setUnitOrgs({});
    setRefused({});
    try {
      setPreview(await importApi.upload(file, ws.orgId, ws.year));
    } catch (e) {
      setError(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    setRefused({});
    try {
      const r = await importApi.commit(preview.id, unitOrgs);
      setPreview(r.import);
      setResult(zh ? r.message : r.messageEn);
      message.success(zh ? r.message : r.messageEn);
    } catch (e) {
      const at = unitsRefused(e);
      if (at) setRefused(at);
      setError(
        at
          ? zh
            ? "单位对应未被接受，见「单位对应」表中标红的单位。"
            : "A unit's organisation was refused: see the unit marked in red in the units table."
          : describeError(e, lang),
      );
    } finally {
      setBusy(false);
    }
  };

  /** A 400 on `unitOrgs` (`unitOrgs.<unit>`, or `unitOrgs` for the units to create): the message by unit name. */
  const unitsRefused = (e: unknown): Record<string, string> | undefined => {
    const field = e instanceof ApiError ? e.location?.field : undefined;
    if (!preview?.units || !field || !(field === "unitOrgs" || field.startsWith("unitOrgs."))) return undefined;
    const text = zh ? (e as ApiError).message : ((e as ApiError).messageEn ?? (e as ApiError).message);
    const units =
      field === "unitOrgs"
        ? preview.units.filter((u) => u.action === "create" && !unitOrgs[u.unit])
        : [unitOfKey(preview.units, field.slice("unitOrgs.".length))].filter((u) => u !== undefined);
    return units.length ? Object.fromEntries(units.map((u) => [u.unit, text])) : undefined;
  };

  // The plan's rows by a key unique within it: two units may each have a duty of the same name.
  const planRows = useMemo(() => {
    const seen = new Map<string, number>();
    return (preview?.plan ?? []).map((r) => {
      const base = `${r.kind}:${r.unit ?? ""}:${r.name}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return { ...r, key: n ? `${base}#${n}` : base };
    });
  }, [preview]);
  const several = (preview?.units?.length ?? 0) > 1;

  const openOrg = (orgId: string, page: "/duties" | "/budget") => {
    ws.setOrgId(orgId);
    // An organisation the commit created is not in the header's list yet: load the app again to list it.
    if (ws.orgs.some((o) => o.id === orgId)) navigate(page);
    else window.location.assign(page);
  };

  const errors = preview?.problems.filter((p) => p.severity === "error").length ?? 0;
  /** Units the server cannot place (a new child under the deepest level) that the user has not mapped. */
  const unplaced = (preview?.units ?? []).filter((u) => u.problem && !unitOrgs[u.unit]).length;
  const step = !preview ? 0 : preview.state === "committed" ? 2 : 1;

  return (
    <Card size="small" data-testid="import-page" title={zh ? "导入文件" : "Import a file"}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Steps
          size="small"
          current={step}
          items={[
            { title: zh ? "上传" : "Upload" },
            { title: zh ? "预览与检查" : "Preview and check" },
            { title: zh ? "提交" : "Commit" },
          ]}
        />
        <Typography.Text>
          {zh ? "导入到：" : "Into: "}
          <Typography.Text strong>{orgName}</Typography.Text> · {ws.year}
          {zh ? " 年度（在页面顶部切换单位和年度）" : " (change them at the top of the page)"}
        </Typography.Text>
        <Row gutter={[16, 12]}>
          <Col xs={24} md={13}>
            <Upload.Dragger
              data-testid="import-upload"
              accept=".docx,.xlsx,.pdf,.txt,.csv,.tsv,.html,.htm"
              showUploadList={false}
              disabled={busy || !ws.orgId}
              beforeUpload={(file) => {
                upload(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{zh ? "点击或拖入 Word、Excel、PDF 或文本文件" : "Click or drop a Word, Excel, PDF or text file"}</p>
            </Upload.Dragger>
          </Col>
          <Col xs={24} md={11}>
            <PasteTable zh={zh} disabled={busy || !ws.orgId} onFile={upload} />
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} />}
        {preview?.state === "reading" && (
          <Space>
            <Progress type="circle" size={28} percent={50} status="active" showInfo={false} />
            {zh ? "文件较大，正在后台读取…" : "A large file: being read in the background…"}
          </Space>
        )}
        {preview?.state === "failed" && (
          <Alert
            type="error"
            showIcon
            title={zh ? "无法读取此文件" : "The file could not be read"}
            description={String((preview.error as { message?: string } | null)?.message ?? "")}
          />
        )}
        {preview && preview.state !== "reading" && (
          <>
            <Typography.Text>
              {preview.fileName} · {(preview.size / 1024).toFixed(0)} KB · {zh ? "识别为" : "read as"}{" "}
              {preview.kinds.length === 0 ? (
                <Tag color="red">{zh ? "未识别" : "not recognised"}</Tag>
              ) : (
                preview.kinds.map((k) => (
                  <Tag key={k} data-testid="import-kind">
                    {kindName(k, zh)}
                  </Tag>
                ))
              )}
            </Typography.Text>
            <CoveragePanel preview={preview} zh={zh} />
            {(preview.state === "preview" || preview.state === "committed") && preview.kinds.length > 0 && (
              <ImportFindings id={preview.id} zh={zh} />
            )}
            {preview.alreadyImportedAs && (
              <Alert
                type="info"
                showIcon
                title={
                  zh
                    ? "同一文件已导入过此单位和年度：提交不会改变任何数据。"
                    : "This file was already imported here: committing changes nothing."
                }
              />
            )}
            {(preview.units?.length ?? 0) > 0 && (
              <UnitMapping
                view={preview}
                orgs={ws.orgs}
                zh={zh}
                choice={unitOrgs}
                onChoose={(unit, orgId) => {
                  setUnitOrgs((cur) => {
                    const next = { ...cur };
                    if (orgId) next[unit] = orgId;
                    else delete next[unit];
                    return next;
                  });
                  setRefused((cur) => {
                    const next = { ...cur };
                    delete next[unit];
                    return next;
                  });
                }}
                refused={refused}
                onOpen={openOrg}
              />
            )}
            <Table
              size="small"
              data-testid="import-plan"
              data-import-id={preview.id}
              rowKey="key"
              pagination={false}
              dataSource={planRows}
              columns={[
                {
                  title: zh ? "类别" : "Kind",
                  dataIndex: "kind",
                  width: 100,
                  render: (k: string) => KIND[k]?.[zh ? 0 : 1] ?? k,
                },
                ...(several
                  ? [{ title: zh ? "单位" : "Unit", dataIndex: "unit", width: 180, render: (u?: string) => u ?? "" }]
                  : []),
                { title: zh ? "名称" : "Name", dataIndex: "name" },
                {
                  title: zh ? "操作" : "Action",
                  dataIndex: "action",
                  width: 90,
                  render: (a: string) => <Tag color={ACTION[a]?.[2]}>{ACTION[a]?.[zh ? 0 : 1] ?? a}</Tag>,
                },
                { title: zh ? "指标数" : "Indicators", dataIndex: "indicators", width: 90, align: "right" },
                {
                  title: zh ? "说明" : "Why",
                  render: (_: unknown, r) => (zh ? r.reason : (r.reasonEn ?? r.reason)) ?? "",
                },
              ]}
            />
            {preview.problems.length > 0 && (
              <Table
                size="small"
                data-testid="import-problems"
                rowKey={(r) => `${r.code}:${JSON.stringify(r.location)}`}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={preview.problems}
                columns={[
                  {
                    title: zh ? "级别" : "Severity",
                    dataIndex: "severity",
                    width: 80,
                    render: (s: string) => <Tag color={SEVERITY[s]?.[2]}>{SEVERITY[s]?.[zh ? 0 : 1] ?? s}</Tag>,
                  },
                  {
                    title: zh ? "位置" : "Where",
                    width: 260,
                    render: (_: unknown, p) => formatLocation(p.location as never, lang),
                  },
                  { title: zh ? "问题" : "Problem", render: (_: unknown, p) => (zh ? p.message : p.messageEn) },
                ]}
              />
            )}
            {result && (
              <Alert
                type="success"
                showIcon
                title={result}
                action={<Link to="/projects">{zh ? "查看项目" : "Open the projects"}</Link>}
              />
            )}
            {preview.state === "preview" && (
              <Button
                type="primary"
                data-testid="import-commit"
                loading={busy}
                disabled={errors > 0 || unplaced > 0}
                onClick={commit}
              >
                {errors > 0
                  ? zh
                    ? `有 ${errors} 个错误，修正文件后重新上传`
                    : `${errors} errors: fix the file and upload it again`
                  : unplaced > 0
                    ? zh
                      ? `有 ${unplaced} 个单位无法新建，请在「单位对应」中选择机构`
                      : `${unplaced} units cannot be created: choose their organisations in the units table`
                    : zh
                      ? "提交导入"
                      : "Commit"}
              </Button>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
