/**
 * The standard indicator framework (财预〔2020〕10号, with the 成本 level 1 of 财预〔2021〕101号): the level-1 groups
 * (一级指标) and the level-2 kinds (二级指标) under each, with their Chinese names as written in the forms and English
 * labels. ONE source for the vocabulary: the level-1 names and their written variants are scoring's
 * (`LEVEL1_NAMES`, `level1Of` in scoring/scheme.ts, which the scorer and the review rules read); the level-2 names
 * are here. The web's pickers and the review rules read both from here.
 *
 * A vocabulary, not a rule: documents and the server accept other names (a region's own level 2); only the rules
 * that need a kind (a 成本 indicator, a 时效 indicator) look the names up.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import { LEVEL1_NAMES, type Level1, level1Of } from "../scoring/scheme.ts";

export type Level2 =
  | "quantity"
  | "quality"
  | "timeliness"
  | "output-cost"
  | "economic"
  | "social"
  | "ecological"
  | "sustainability"
  | "service-satisfaction"
  | "economic-cost"
  | "social-cost"
  | "environmental-cost";

export interface FrameworkLevel2 {
  key: Level2;
  /** As the forms write it: 数量指标. */
  name: string;
  en: string;
  /** Other names older or regional forms print for it (社会公众或服务对象满意度指标). */
  aliases?: readonly string[];
}

export interface FrameworkLevel1 {
  key: Level1;
  /** As the forms write it: 产出指标 (scoring's `LEVEL1_NAMES`). */
  name: string;
  en: string;
  children: readonly FrameworkLevel2[];
}

const level1 = (key: Level1, children: FrameworkLevel2[]): FrameworkLevel1 => ({
  key,
  name: LEVEL1_NAMES[key].zh,
  en: LEVEL1_NAMES[key].en,
  children,
});

/** Level 1 in the forms' order (产出, 效益, 满意度, then 成本 of the newer framework), each with its level 2. */
export const INDICATOR_FRAMEWORK: readonly FrameworkLevel1[] = [
  level1("output", [
    { key: "quantity", name: "数量指标", en: "quantity" },
    { key: "quality", name: "质量指标", en: "quality" },
    { key: "timeliness", name: "时效指标", en: "timeliness" },
    { key: "output-cost", name: "成本指标", en: "cost" },
  ]),
  level1("effect", [
    { key: "economic", name: "经济效益指标", en: "economic effect" },
    { key: "social", name: "社会效益指标", en: "social effect" },
    // older and regional forms: 环境效益指标
    { key: "ecological", name: "生态效益指标", en: "ecological effect", aliases: ["环境效益指标"] },
    { key: "sustainability", name: "可持续影响指标", en: "sustained impact" },
  ]),
  level1("satisfaction", [
    {
      key: "service-satisfaction",
      name: "服务对象满意度指标",
      en: "service users' satisfaction",
      // the 2015–2020 forms: 社会公众或服务对象满意度指标 (a level 2 under 效益 in the oldest of them)
      aliases: ["社会公众或服务对象满意度指标", "社会公众满意度指标"],
    },
  ]),
  level1("cost", [
    { key: "economic-cost", name: "经济成本指标", en: "economic cost" },
    { key: "social-cost", name: "社会成本指标", en: "social cost" },
    { key: "environmental-cost", name: "生态环境成本指标", en: "environmental cost" },
  ]),
];

const COST_LEVEL2: ReadonlySet<Level2> = new Set(["output-cost", "economic-cost", "social-cost", "environmental-cost"]);

/** The framework's level 1 a written name means (`产出`, `产出指标 (50分)`), or undefined. */
export function frameworkLevel1(name: string): FrameworkLevel1 | undefined {
  const key = level1Of(name);
  return key === undefined ? undefined : INDICATOR_FRAMEWORK.find((l) => l.key === key);
}

/** The standard level-2 names under a level 1 as written (`产出` or `产出指标`); none for an unknown level 1. */
export function level2NamesOf(level1Name: string): string[] {
  return frameworkLevel1(level1Name)?.children.map((c) => c.name) ?? [];
}

const squash = (s: string): string =>
  s
    .replace(/[\s\u3000]+/g, "")
    .replace(/[(（][^)）]*分[^)）]*[)）]$/, "")
    // a form's note on the category, in words only: 数量指标(必填硬性指标), 生态效益指标（选填）
    .replace(/(指标)[(（][\u4e00-\u9fa5]{1,8}[)）]$/, "$1")
    .replace(/^[一二三四五六七八九十\d]+[、.．]/, "");

/**
 * The level-2 kind a written name means: the standard name with or without 指标 (`数量`, `数量指标`), spaces,
 * a points note and a worded note after 指标 (`(必填)`, `(选填硬性指标)`) ignored. Under a known level 1, `成本指标` is output cost (产出) — elsewhere too, as the
 * older framework has it; undefined for a name outside the framework.
 */
export function level2Of(name: string, level1Name?: string): Level2 | undefined {
  const key = squash(name);
  if (key === "") return undefined;
  const full = key.endsWith("指标") ? key : `${key}指标`;
  const within = level1Name ? frameworkLevel1(level1Name) : undefined;
  for (const l of within ? [within, ...INDICATOR_FRAMEWORK] : INDICATOR_FRAMEWORK) {
    const hit = l.children.find((c) => c.name === full || c.aliases?.includes(full));
    if (hit) return hit.key;
  }
  // a region's wording of a category, known by how it ends (可持续性发展影响指标, 服务对象或受益者满意度指标): only
  // names that end in 指标 as written, which an indicator's own name (群众满意度) does not
  if (key.endsWith("指标") && [...key].length <= 16) {
    if (/^可持续.{0,6}影响指标$/.test(key)) return "sustainability";
    if (/^(服务对象|受益|社会公众|群众|公众).{0,10}满意度?指标$/.test(key)) return "service-satisfaction";
  }
  return undefined;
}

/**
 * A cost indicator (成本指标): under the 成本 level 1, or a cost level 2 of the framework; a region's own level-2
 * name that says 成本 (`成本控制指标`) counts too.
 */
export function isCostIndicator(level1Name: string | undefined, level2Name: string | undefined): boolean {
  if (level1Name !== undefined && level1Of(level1Name) === "cost") return true;
  if (level2Name === undefined) return false;
  const k = level2Of(level2Name, level1Name);
  return (k !== undefined && COST_LEVEL2.has(k)) || /成本/.test(level2Name);
}

/** The level-2 kind's labels (`{ zh: "数量指标", en: "quantity" }`). */
export function level2Label(key: Level2): LocalizedText {
  for (const l of INDICATOR_FRAMEWORK) {
    const c = l.children.find((x) => x.key === key);
    if (c) return { zh: c.name, en: c.en };
  }
  return { zh: key, en: key };
}
