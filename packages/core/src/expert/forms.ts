/**
 * The built-in scoring forms a bureau may choose when it assigns a record to experts (it may define its own too).
 * Data, not code: each is checked by `scoredItems` like a bureau's own form (test/expert/forms.test.ts).
 */
import type { ScoringForm } from "./form.ts";

export interface BuiltinForm {
  id: string;
  /** What the form is meant for (the assigner's list shows it). */
  subject: "self_evaluation" | "project_goals" | "exante";
  form: ScoringForm;
}

/** 项目支出绩效评价指标体系（共性指标框架）: 决策 20, 过程 20, 产出 40, 效益 20 — scored per indicator. */
const PROJECT_EVALUATION: ScoringForm = {
  name: "项目支出绩效评价评分表（共性指标）",
  sections: [
    {
      key: "decision",
      name: "决策",
      maxPoints: "20",
      indicators: [
        { key: "d1", name: "立项依据充分性", maxPoints: "3", guidance: "符合法律法规、发展规划和部门职责" },
        { key: "d2", name: "立项程序规范性", maxPoints: "3" },
        { key: "d3", name: "绩效目标合理性", maxPoints: "4", guidance: "目标与实际工作内容相关，预期产出和效果合理" },
        { key: "d4", name: "绩效指标明确性", maxPoints: "4", guidance: "指标细化、量化，可衡量" },
        { key: "d5", name: "预算编制科学性", maxPoints: "3" },
        { key: "d6", name: "资金分配合理性", maxPoints: "3" },
      ],
    },
    {
      key: "process",
      name: "过程",
      maxPoints: "20",
      indicators: [
        { key: "p1", name: "资金到位率", maxPoints: "3" },
        { key: "p2", name: "预算执行率", maxPoints: "5" },
        { key: "p3", name: "资金使用合规性", maxPoints: "4" },
        { key: "p4", name: "管理制度健全性", maxPoints: "4" },
        { key: "p5", name: "制度执行有效性", maxPoints: "4" },
      ],
    },
    {
      key: "output",
      name: "产出",
      maxPoints: "40",
      indicators: [
        { key: "o1", name: "实际完成率（数量）", maxPoints: "10" },
        { key: "o2", name: "质量达标率", maxPoints: "10" },
        { key: "o3", name: "完成及时性", maxPoints: "10" },
        { key: "o4", name: "成本节约率", maxPoints: "10" },
      ],
    },
    {
      key: "benefit",
      name: "效益",
      maxPoints: "20",
      indicators: [
        { key: "b1", name: "社会效益", maxPoints: "8" },
        { key: "b2", name: "经济效益", maxPoints: "4" },
        { key: "b3", name: "可持续影响", maxPoints: "4" },
        { key: "b4", name: "服务对象满意度", maxPoints: "4" },
      ],
    },
  ],
};

/** 绩效目标审核: 完整性, 相关性, 适当性, 可行性 — each section scored as a whole. */
const GOAL_REVIEW: ScoringForm = {
  name: "项目绩效目标评审表",
  sections: [
    { key: "complete", name: "完整性", maxPoints: "25", guidance: "目标、指标齐全，产出、效益、满意度均有体现" },
    { key: "relevant", name: "相关性", maxPoints: "25", guidance: "指标与项目内容、资金用途相关" },
    { key: "suitable", name: "适当性", maxPoints: "25", guidance: "指标值与资金规模、以往实绩相称" },
    { key: "feasible", name: "可行性", maxPoints: "25", guidance: "目标可实现，措施有保障" },
  ],
};

export const BUILTIN_FORMS: readonly BuiltinForm[] = [
  { id: "builtin:project-evaluation", subject: "self_evaluation", form: PROJECT_EVALUATION },
  { id: "builtin:goal-review", subject: "project_goals", form: GOAL_REVIEW },
];
