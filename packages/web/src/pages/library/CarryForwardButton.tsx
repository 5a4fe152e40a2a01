/**
 * 结转上年 (issue 17 point 4): the unit's filler starts the chosen year from the last — duties, activities,
 * continuing projects (延续项目) and their indicators copied as drafts (POST /carry-forward). Running it again
 * makes nothing twice; the result says per record what was made and what was skipped, and why.
 */
import { App, Button, List, Modal, Tag, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { type CarryForwardResult, libraryEndpoints } from "./api.ts";

const KIND_TEXT: Record<CarryForwardResult["items"][number]["kind"], [string, string]> = {
  project: ["项目", "project"],
  duty: ["职责", "duty"],
  goal: ["整体目标", "overall goal"],
};

const STATUS_TEXT: Record<CarryForwardResult["items"][number]["status"], [string, string, string]> = {
  created: ["已结转为草稿", "carried as a draft", "green"],
  already_carried: ["此前已结转", "carried before", "default"],
  same_name: ["本年已有同名记录，未结转", "a record of that name exists: not carried", "orange"],
};

export function CarryForwardButton({ orgId, year, onDone }: { orgId: string; year: number; onDone(): void }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CarryForwardResult>();

  const run = async () => {
    setBusy(true);
    try {
      const r = await libraryEndpoints.carryForward(orgId, year);
      setConfirming(false);
      setResult(r);
      onDone();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button data-testid="carry-forward" onClick={() => setConfirming(true)}>
        {zh ? `从 ${year - 1} 年结转` : `Carry forward from ${year - 1}`}
      </Button>
      <Modal
        open={confirming}
        title={zh ? `从 ${year - 1} 年结转到 ${year} 年` : `Start ${year} from ${year - 1}`}
        okText={zh ? "结转" : "Carry forward"}
        cancelText={zh ? "取消" : "Cancel"}
        okButtonProps={{ loading: busy, id: "carry-forward-ok" }}
        onOk={run}
        onCancel={() => setConfirming(false)}
      >
        <Typography.Paragraph>
          {zh
            ? `将本单位 ${year - 1} 年的部门职责、工作活动，延续项目（经常性、标明延续或项目期跨入 ${year} 年的已批准项目）和部门整体绩效目标，连同其绩效指标，复制为 ${year} 年的草稿。名称中的「${year - 1}年」改为「${year}年」，本年资金留空待填；指标值照录，上年实际完成值显示在每个指标旁。已结转过的不会重复。`
            : `Copies this unit's ${year - 1} duties, activities, continuing projects (approved, 经常性, marked 延续, or running into ${year}) and overall goal with their indicators as ${year} drafts. A name's ${year - 1} becomes ${year}; the year's money is left blank; targets are copied; last year's actual shows beside each. What was carried before is not copied again.`}
        </Typography.Paragraph>
      </Modal>
      <Modal
        open={!!result}
        title={
          result &&
          (zh
            ? `已结转：职责 ${result.created.duties} 项，项目 ${result.created.projects} 个，整体目标 ${result.created.goals} 份，指标 ${result.created.indicators + result.created.activityIndicators} 个`
            : `Carried: ${result.created.duties} duties, ${result.created.projects} projects, ${result.created.goals} overall goals, ${result.created.indicators + result.created.activityIndicators} indicators`)
        }
        footer={
          <Button type="primary" onClick={() => setResult(undefined)}>
            {zh ? "知道了" : "OK"}
          </Button>
        }
        onCancel={() => setResult(undefined)}
      >
        <List
          size="small"
          data-testid="carry-forward-result"
          dataSource={result?.items ?? []}
          locale={{ emptyText: zh ? `${year - 1} 年没有可结转的记录` : `Nothing to carry from ${year - 1}` }}
          renderItem={(i) => {
            const [z, e, color] = STATUS_TEXT[i.status];
            return (
              <List.Item>
                <span>
                  <Tag>{KIND_TEXT[i.kind][zh ? 0 : 1]}</Tag>
                  {i.name}
                </span>
                <Tag color={color}>{zh ? z : e}</Tag>
              </List.Item>
            );
          }}
        />
      </Modal>
    </>
  );
}
