import type { ExecutionRollup, ScoreRollup } from "../api/endpoints.ts";

/**
 * Sample figures for the dashboard while the server has no roll-up endpoints. The page labels them
 * "示例数据" (sample data) wherever they are shown. Amounts in 元 as exact text, as the API sends them.
 */
export function sampleExecution(year: number): ExecutionRollup {
  return {
    asOf: `${year}-07-31`,
    items: [
      { orgId: "s1", orgName: "青山区交通大队", budget: "29533300.00", spent: "15609140.00" },
      { orgId: "s2", orgName: "化工区交通大队", budget: "8120000.00", spent: "2130500.00" },
      { orgId: "s3", orgName: "事故处理中队", budget: "3265000.00", spent: "1620300.00" },
      { orgId: "s4", orgName: "秩序管理中队", budget: "2480000.00", spent: "1082000.00" },
      { orgId: "s5", orgName: "车辆管理所", budget: "5630000.00", spent: "3510200.00" },
      { orgId: "s6", orgName: "科技信息科", budget: "9860000.00", spent: "2650000.00" },
      { orgId: "s7", orgName: "宣传教育中队", budget: "960000.00", spent: "431000.00" },
    ],
  };
}

export function sampleScores(): ScoreRollup {
  const rows: [string, string, string, string][] = [
    ["交通管理工作经费", "青山区交通大队", "92.00", "优"],
    ["化工区交通大队项目经费", "化工区交通大队", "78.50", "中"],
    ["辅警经费", "青山区交通大队", "88.20", "良"],
    ["交通设施运维", "科技信息科", "95.10", "优"],
    ["事故检测鉴定费", "事故处理中队", "91.30", "优"],
    ["暂扣车辆保管费", "秩序管理中队", "84.00", "良"],
    ["交通安全宣传", "宣传教育中队", "86.70", "良"],
    ["警用摩托车购置", "车辆管理所", "58.00", "差"],
    ["电子警察建设", "科技信息科", "81.40", "良"],
    ["执法记录仪更新", "秩序管理中队", "93.60", "优"],
  ];
  return { items: rows.map(([name, orgName, total, grade], i) => ({ id: `p${i + 1}`, name, orgName, total, grade })) };
}
