/**
 * The self-evaluation as the workspace edits it: every typed value is kept as text exactly as typed (the
 * rules in @jixiao/core read it); nothing here computes a score.
 */
export interface SeIndicator {
  id: string;
  /** 一级指标 as written: 产出指标 / 效益指标 / 满意度指标 / 成本指标. */
  level1: string;
  /** 二级指标: 数量指标, 质量指标… */
  level2: string;
  /** 三级指标: the indicator's name. */
  name: string;
  /** 分值 (weight), decimal text. */
  points: string;
  /** 年度指标值 as written: `≥95%`, `302名`, `2020年12月31日前`, `符合相关规定`. */
  target: string;
  /** 实际完成值 as typed. */
  actual: string;
  /** For a qualitative indicator: the tier the evaluator chose (none: suggested from the words). */
  tier?: "achieved" | "partial" | "not-achieved";
  /** 调整得分: the evaluator's own score, decimal text; empty when the suggestion stands. */
  override: string;
  overrideReason: string;
  /** 偏差原因分析及改进措施. */
  deviationReason: string;
}

export interface SeDraft {
  id: string;
  projectName: string;
  orgName: string;
  year: number;
  /** The scoring scheme's id in @jixiao/core (`national-project`, `department-2080`). */
  schemeId: string;
  /** 万元, decimal text as typed. */
  initialBudget: string;
  annualBudget: string;
  executed: string;
  indicators: SeIndicator[];
  conclusion: string;
  improvements: string;
  /** The server version it was loaded from (absent for local sample data). */
  version?: number;
}

function ind(
  id: number,
  level1: string,
  level2: string,
  name: string,
  points: string,
  target: string,
  actual: string,
  deviationReason = "",
): SeIndicator {
  return {
    id: `i${id}`,
    level1,
    level2,
    name,
    points,
    target,
    actual,
    override: "",
    overrideReason: "",
    deviationReason,
  };
}

/**
 * A sample from seed 002 (武汉市公安局青山区交通大队 2020 部门整体绩效自评, shortened): the workspace works on it
 * in the browser when no evaluation is opened from the server. Labelled as sample data on the page.
 */
export function sampleDraft(): SeDraft {
  return {
    id: "sample-002",
    projectName: "部门整体支出（示例：青山区交通大队 2020）",
    orgName: "武汉市公安局青山区交通大队",
    year: 2020,
    schemeId: "department-2080",
    initialBudget: "2953.33",
    annualBudget: "2953.33",
    executed: "2609.14",
    indicators: [
      ind(1, "产出指标", "质量指标", "交通事故案件证据准确率", "4", "100%", "100%"),
      ind(2, "产出指标", "质量指标", "执法暂扣车辆保管完好率", "4", "100%", "100%"),
      ind(3, "产出指标", "数量指标", "交通事故检测鉴定完成率", "4", "100%", "100%"),
      ind(4, "产出指标", "质量指标", "交通视频监控指挥调度中心运维良好率", "4", "＞90%", "92%"),
      ind(5, "产出指标", "数量指标", "交通安全宣传专版", "4", "≥2篇", "2篇"),
      ind(6, "产出指标", "数量指标", "新增汉警快骑人员", "4", "36人", "0人", "受疫情影响，人员未招录，项目未开展。"),
      ind(7, "产出指标", "数量指标", "聘用辅警数量", "4", "302名", ""),
      ind(
        8,
        "产出指标",
        "数量指标",
        "化工大道交通设施建设",
        "4",
        "建设完成",
        "未实施",
        "化工大道施工延后，配套交通设施未实施。",
      ),
      ind(9, "产出指标", "时效指标", "交管电警设施建设完成时间", "4", "2020年12月31日前", "2020年11月30日"),
      ind(10, "产出指标", "成本指标", "专项资金使用规范", "4", "符合相关规定", "合规"),
      ind(11, "效益指标", "社会效益指标", "执法办案质量水平", "10", "依法规范", "依法规范"),
      ind(12, "效益指标", "社会效益指标", "服务辖区经济（道路交通秩序良好）", "10", "上级考核达标", "达标"),
      ind(13, "效益指标", "社会效益指标", "暂扣停车保管费、检测鉴定费由行政机关承担", "5", "100%", "100%"),
      ind(14, "效益指标", "社会效益指标", "保障武惠堤防安全度汛", "5", "安全", "安全"),
      ind(15, "满意度指标", "服务对象满意度指标", "双评议满意率", "10", "≥95%", "92.22%"),
    ],
    conclusion: "",
    improvements: "",
  };
}
