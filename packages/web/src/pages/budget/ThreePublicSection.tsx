import { Button, Col, Empty, Form, Row, Space, Table, Typography } from "antd";
import { useI18n } from "../../i18n.tsx";
import { MoneyCell, MoneyField, type SectionProps, TextField, TotalCheck } from "./fields.tsx";
import { change, emptyThreePublic, PRIOR, THREE_PARTS, type ThreePublicDraft, totalOf } from "./model.ts";

type ThreeRow = { key: (typeof THREE_PARTS)[number]; name: string; now: string; prior: string };

/** 三公经费: each part beside the prior year with the change, the stated total checked, and why it changed. */
export function ThreePublicSection({ d, editable, set }: SectionProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const tp = d.threePublic;
  if (!tp) {
    return (
      <Empty description={zh ? "未填三公经费" : "No 三公 figures"}>
        {editable && (
          <Button data-testid="add-three-public" onClick={() => set("threePublic", emptyThreePublic())}>
            {zh ? "填写三公经费" : "Fill in 三公"}
          </Button>
        )}
      </Empty>
    );
  }
  const setTp = (k: keyof ThreePublicDraft, v: string) => set("threePublic", { ...tp, [k]: v });
  const names: Record<(typeof THREE_PARTS)[number], string> = {
    abroad: zh ? "因公出国（境）费" : "Travel abroad",
    vehiclePurchase: zh ? "公务用车购置费" : "Vehicle purchase",
    vehicleOperation: zh ? "公务用车运行维护费" : "Vehicle operation",
    reception: zh ? "公务接待费" : "Reception",
  };
  const now = totalOf(
    "",
    THREE_PARTS.map((k) => tp[k]),
  );
  const prior = totalOf(
    "",
    THREE_PARTS.map((k) => tp[PRIOR[k]]),
  );
  const delta = change(now.sumWan.replace(/,/g, ""), prior.sumWan.replace(/,/g, ""));

  return (
    <div data-testid="three-public">
      <Table<ThreeRow>
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={THREE_PARTS.map((k) => ({ key: k, name: names[k], now: tp[k], prior: tp[PRIOR[k]] }))}
        columns={[
          { title: zh ? "项目" : "Item", dataIndex: "name" },
          {
            title: zh ? "本年（万元）" : "This year (万元)",
            width: 150,
            render: (_: unknown, r: ThreeRow) => (
              <MoneyCell
                value={r.now}
                editable={editable}
                testId={`three-${r.key}`}
                label={r.name}
                onChange={(v) => setTp(r.key, v)}
              />
            ),
          },
          {
            title: zh ? "上年（万元）" : "Prior year (万元)",
            width: 150,
            render: (_: unknown, r: ThreeRow) => (
              <MoneyCell
                value={r.prior}
                editable={editable}
                testId={`three-prior-${r.key}`}
                label={`${r.name} ${zh ? "上年" : "prior year"}`}
                onChange={(v) => setTp(PRIOR[r.key], v)}
              />
            ),
          },
          {
            title: zh ? "增减（万元）" : "Change (万元)",
            width: 120,
            render: (_: unknown, r: ThreeRow) => (
              <span data-testid={`three-change-${r.key}`}>{change(r.now, r.prior) ?? "—"}</span>
            ),
          },
        ]}
      />
      <Form layout="vertical" size="small" style={{ marginTop: 8 }}>
        <Row gutter={12}>
          <Col span={8}>
            <MoneyField
              label={zh ? "“三公”经费合计（填报，万元）" : "Stated total (万元)"}
              value={tp.statedTotal}
              editable={editable}
              testId="three-stated"
              onChange={(v) => setTp("statedTotal", v)}
            />
          </Col>
          <Col span={16}>
            <TextField
              multiline
              max={2000}
              testId="three-change-reason"
              label={zh ? "增减原因" : "Why it changed"}
              value={tp.changeReason}
              editable={editable}
              onChange={(v) => setTp("changeReason", v)}
            />
          </Col>
        </Row>
      </Form>
      <Space orientation="vertical" size={4}>
        <TotalCheck
          v={totalOf(
            tp.statedTotal,
            THREE_PARTS.map((k) => tp[k]),
          )}
          testId="three-check"
          what={zh ? "“三公”经费" : "三公"}
        />
        <Typography.Text data-testid="three-change-total">
          {zh
            ? `本年合计 ${now.sumWan} 万元，上年 ${prior.sumWan} 万元，增减 ${delta ?? "—"} 万元`
            : `This year ${now.sumWan} 万元, prior year ${prior.sumWan} 万元, change ${delta ?? "—"} 万元`}
        </Typography.Text>
      </Space>
    </div>
  );
}
