/**
 * The project's own fields as forms: 新建项目 on the list (name, code, annual funds, annual goal) and 编辑 of a
 * project's header on its page (funds and goals). Amounts are typed in 万元, as shown everywhere, and sent in 元
 * as exact decimal text (core's parser: never a float). Text limits are the server's, with a counter.
 */
import { formatYuan, parseWanYuan } from "@jixiao/core";
import { App, Button, Col, Form, Input, Modal, Row } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { type Project, projectEndpoints } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";

/** 万元 text as typed → 元 text for the server (null when empty); throws a DomainError on bad input. */
export function wanToYuanText(text: string | undefined): string | null {
  const t = (text ?? "").replace(/[,，\s]/g, "");
  if (!t) return null;
  return formatYuan(parseWanYuan(t), { grouping: false });
}

/** 元 text → 万元 text for the form (no separators, 2+ decimals as needed to stay exact up to 6). */
function yuanToWanText(v: string | null): string {
  if (v == null) return "";
  return formatWanYuan(parseYuan(v), 6, { grouping: false }).replace(/(\.\d\d\d*?)0+$/, "$1");
}

const FUNDS = ["annualFunds", "fiscalFunds", "carryOverFunds", "otherFunds", "totalFunds"] as const;
type Fund = (typeof FUNDS)[number];
const FUND_LABEL: Record<Fund, [string, string]> = {
  annualFunds: ["年度资金总额（万元）", "Annual funds (万元)"],
  fiscalFunds: ["其中：财政拨款（万元）", "of which fiscal (万元)"],
  carryOverFunds: ["上年结转（万元）", "Carried over (万元)"],
  otherFunds: ["其他资金（万元）", "Other funds (万元)"],
  totalFunds: ["项目总额（万元）", "Total funds (万元)"],
};

/** A 万元 field's rule: empty, or an amount core reads (at most 6 decimals in 万元, i.e. fen). */
function wanRule(zh: boolean) {
  return {
    validator: async (_: unknown, v: string | undefined) => {
      try {
        wanToYuanText(v);
      } catch {
        throw new Error(zh ? "请输入金额（万元），如 50 或 1,350.5" : "An amount in 万元, e.g. 50 or 1,350.5");
      }
    },
  };
}

/** 新建项目: a draft project of the chosen unit and year; its page opens after. */
export function NewProjectButton() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const org = ws.orgs.find((o) => o.id === ws.orgId);

  const create = async () => {
    const v = (await form.validateFields()) as {
      name: string;
      code?: string;
      annualFunds?: string;
      annualGoal?: string;
    };
    if (!ws.orgId) return;
    setBusy(true);
    try {
      const p = await projectEndpoints.create({
        orgId: ws.orgId,
        year: ws.year,
        name: v.name.trim(),
        code: v.code?.trim() || null,
        annualFunds: wanToYuanText(v.annualFunds),
        annualGoal: v.annualGoal?.trim() || null,
      });
      message.success(zh ? "已新建项目" : "Project created");
      setOpen(false);
      navigate(`/projects/${p.id}`);
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" data-testid="new-project" disabled={!ws.orgId} onClick={() => setOpen(true)}>
        {zh ? "新建项目" : "New project"}
      </Button>
      <Modal
        destroyOnHidden
        open={open}
        title={zh ? `新建项目 · ${org?.name ?? ""} · ${ws.year}年度` : `New project · ${org?.name ?? ""} · ${ws.year}`}
        okText={zh ? "新建" : "Create"}
        cancelText={zh ? "取消" : "Cancel"}
        okButtonProps={{ loading: busy, id: "new-project-ok" }}
        onOk={create}
        onCancel={() => setOpen(false)}
        afterClose={() => form.resetFields()}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={zh ? "项目名称" : "Name"}
            rules={[{ required: true, whitespace: true, message: zh ? "请填写项目名称" : "A name is needed" }]}
          >
            <Input data-testid="new-project-name" count={{ show: true, max: 200 }} maxLength={200} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="code" label={zh ? "项目编码" : "Code"}>
                <Input data-testid="new-project-code" maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="annualFunds" label={FUND_LABEL.annualFunds[zh ? 0 : 1]} rules={[wanRule(zh)]}>
                <Input data-testid="new-project-funds" suffix="万元" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="annualGoal" label={zh ? "年度目标" : "Annual goal"}>
            <Input.TextArea
              data-testid="new-project-goal"
              autoSize={{ minRows: 2, maxRows: 6 }}
              count={{ show: true, max: 5000 }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 编辑 of a draft or returned project's header: funds (万元) and goals; a 409 says someone saved first. */
export function EditProjectHeader({ project, onSaved }: { project: Project; onSaved: () => Promise<void> | void }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const initial = {
    ...Object.fromEntries(FUNDS.map((f) => [f, yuanToWanText(project[f])])),
    annualGoal: project.annualGoal ?? "",
    midTermGoal: project.midTermGoal ?? "",
  };

  const save = async () => {
    const v = (await form.validateFields()) as Record<Fund | "annualGoal" | "midTermGoal", string | undefined>;
    setBusy(true);
    try {
      await projectEndpoints.update(project.id, {
        version: project.version,
        ...Object.fromEntries(FUNDS.map((f) => [f, wanToYuanText(v[f])])),
        annualGoal: v.annualGoal?.trim() || null,
        midTermGoal: v.midTermGoal?.trim() || null,
      });
      message.success(zh ? "项目信息已保存" : "Saved");
      setOpen(false);
      await onSaved();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" data-testid="edit-project-header" onClick={() => setOpen(true)}>
        {zh ? "编辑" : "Edit"}
      </Button>
      <Modal
        destroyOnHidden
        open={open}
        width={720}
        title={zh ? "编辑资金与目标" : "Edit the funds and goals"}
        okText={zh ? "保存" : "Save"}
        cancelText={zh ? "取消" : "Cancel"}
        okButtonProps={{ loading: busy, id: "edit-project-ok" }}
        onOk={save}
        onCancel={() => setOpen(false)}
      >
        <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
          <Row gutter={12}>
            {FUNDS.map((f) => (
              <Col span={8} key={f}>
                <Form.Item name={f} label={FUND_LABEL[f][zh ? 0 : 1]} rules={[wanRule(zh)]}>
                  <Input data-testid={`edit-${f}`} suffix="万元" />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name="annualGoal" label={zh ? "年度目标" : "Annual goal"}>
            <Input.TextArea
              data-testid="edit-annualGoal"
              autoSize={{ minRows: 3, maxRows: 8 }}
              count={{ show: true, max: 5000 }}
            />
          </Form.Item>
          <Form.Item name="midTermGoal" label={zh ? "中期目标" : "Mid-term goal"}>
            <Input.TextArea
              data-testid="edit-midTermGoal"
              autoSize={{ minRows: 2, maxRows: 6 }}
              count={{ show: true, max: 5000 }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
