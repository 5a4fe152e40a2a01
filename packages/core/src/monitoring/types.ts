/**
 * In-year monitoring (绩效运行监控, "双监控", 财预〔2019〕136号): the words of the 项目支出绩效运行监控表 as data.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import type { Light } from "../money/budget.ts";

/** 完成目标可能性 */
export const LIKELIHOODS = ["确定能", "有可能", "完全不可能"] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** 偏差原因分析: the standard categories of the monitoring form. */
export const DEVIATION_CATEGORIES = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"] as const;
export type DeviationCategory = (typeof DEVIATION_CATEGORIES)[number];

export const DEVIATION_CATEGORY_NAMES: Record<DeviationCategory, LocalizedText> = {
  经费保障: { zh: "经费保障", en: "funding" },
  制度保障: { zh: "制度保障", en: "rules and procedures" },
  人员保障: { zh: "人员保障", en: "staffing" },
  硬件条件保障: { zh: "硬件条件保障", en: "equipment and facilities" },
  其他: { zh: "其他", en: "other" },
};

export const LIKELIHOOD_NAMES: Record<Likelihood, LocalizedText> = {
  确定能: { zh: "确定能", en: "certain" },
  有可能: { zh: "有可能", en: "possible" },
  完全不可能: { zh: "完全不可能", en: "impossible" },
};

/** Worst first: red > yellow > green. */
export const LIGHT_RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

export function worstLight(lights: Iterable<Light>): Light {
  let worst: Light = "green";
  for (const l of lights) if (LIGHT_RANK[l] > LIGHT_RANK[worst]) worst = l;
  return worst;
}
