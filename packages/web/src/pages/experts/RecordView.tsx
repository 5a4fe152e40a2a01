import { Card, Descriptions, Table } from "antd";
import type { RecordContent } from "./api.ts";

/** The record an expert reviews, read only: its figures and narrative, and its indicator rows. */
export function RecordView({ record, zh }: { record: RecordContent; zh: boolean }) {
  const evaluation = record.kind === "self_evaluation";
  return (
    <Card
      size="small"
      title={`${record.name} · ${record.orgName} · ${record.year}${zh ? " 年度" : ""}`}
      data-testid="record-view"
    >
      {record.fields.length > 0 && (
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 8 }}>
          {record.fields.map((f) => (
            <Descriptions.Item key={f.label} label={f.label}>
              <span style={{ whiteSpace: "pre-wrap" }}>{f.value}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.level1}|${r.level2}|${r.name}`}
        dataSource={record.rows}
        columns={[
          { title: zh ? "一级指标" : "Level 1", dataIndex: "level1" },
          { title: zh ? "二级指标" : "Level 2", dataIndex: "level2" },
          { title: zh ? "三级指标" : "Indicator", dataIndex: "name" },
          { title: zh ? "指标值" : "Target", dataIndex: "target" },
          ...(evaluation
            ? [
                { title: zh ? "实际完成值" : "Actual", dataIndex: "actual" },
                { title: zh ? "分值" : "Points", dataIndex: "points" },
                { title: zh ? "自评得分" : "Score", dataIndex: "score" },
              ]
            : [{ title: zh ? "权重" : "Weight", dataIndex: "points" }]),
        ]}
      />
    </Card>
  );
}
