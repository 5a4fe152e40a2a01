/**
 * 完整性: every project holds the required 一级指标 groups, every indicator a target, every part its header fields;
 * no placeholder (`**`) in place of content; every activity and project at least one indicator.
 */
import { LEVEL1_NAMES, type Level1, level1Of } from "../../scoring/scheme.ts";
import { indicatorLocation, indicatorScopes, isBlank, loc } from "../context.ts";
import type { Rule, RuleFinding } from "../types.ts";

const groupNames = (set: Level1[]): string => set.map((g) => LEVEL1_NAMES[g].zh).join("、");
const groupNamesEn = (set: Level1[]): string => set.map((g) => LEVEL1_NAMES[g].en).join(", ");

export const level1Groups: Rule = {
  id: "completeness.level1-groups",
  category: "完整性",
  severity: "error",
  title: { zh: "一级指标齐全（产出、效益、满意度或成本框架）", en: "Every required level-1 group is present" },
  config: ["level1Sets"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (!s.hasLevel1 || s.indicators.length === 0) continue;
      const present = new Set(s.indicators.map((i) => (i.level1 ? level1Of(i.level1) : undefined)));
      const sets = config.level1Sets;
      if (sets.length === 0 || sets.some((set) => set.every((g) => present.has(g)))) continue;
      // Name what is missing from the closest set.
      const closest = [...sets].sort(
        (a, b) => a.filter((g) => !present.has(g)).length - b.filter((g) => !present.has(g)).length,
      )[0]!;
      const missing = closest.filter((g) => !present.has(g));
      out.push({
        message: `「${s.name}」缺少一级指标：${groupNames(missing)}（应包含 ${groupNames(closest)}）`,
        messageEn: `"${s.name}" lacks the level-1 group(s) ${groupNamesEn(missing)} (expected ${groupNamesEn(closest)})`,
        location: s.location,
        details: { missing: groupNames(missing) },
      });
    }
    return out;
  },
};

export const noIndicators: Rule = {
  id: "completeness.no-indicators",
  category: "完整性",
  severity: "error",
  title: { zh: "工作活动或项目没有绩效指标", en: "An activity or project without indicators" },
  check(doc) {
    const out: RuleFinding[] = [];
    const scopes = indicatorScopes(doc);
    for (const s of scopes) {
      if (s.indicators.length > 0) continue;
      // A duty with activities carries its indicators on them.
      if (s.kind === "duty" && scopes.some((x) => x.kind === "activity" && x.path.startsWith(`${s.path}.`))) continue;
      if (s.kind === "department-self-evaluation" || s.kind === "department-expenditure-self-evaluation") continue;
      out.push({
        message: `「${s.name}」没有绩效指标`,
        messageEn: `"${s.name}" has no indicators`,
        location: s.location,
      });
    }
    return out;
  },
};

export const targetMissing: Rule = {
  id: "completeness.target-missing",
  category: "完整性",
  severity: "error",
  title: { zh: "指标没有指标值", en: "An indicator without a target value" },
  config: ["placeholderPattern"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    const placeholder = new RegExp(config.placeholderPattern);
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        if (ind.tiers) return; // duty tables judge by their four tiers (tiers.* rules)
        const text = ind.target?.text ?? "";
        if (!isBlank(text) && !placeholder.test(text.trim())) return;
        if (placeholder.test(text.trim())) return; // reported by completeness.placeholder
        out.push({
          message: `指标「${ind.name}」没有填写指标值`,
          messageEn: `indicator "${ind.name}" has no target value`,
          location: indicatorLocation(s, i, "target"),
        });
      });
    }
    return out;
  },
};

export const requiredFields: Rule = {
  id: "completeness.required-fields",
  category: "完整性",
  severity: "error",
  title: { zh: "表头必填项（项目名称、预算数、绩效目标…）", en: "Required header fields" },
  config: ["requiredFields"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    const rf = config.requiredFields;
    const FIELD_ZH: Record<string, string> = {
      name: "名称",
      budget: "预算数",
      goal: "绩效目标",
      department: "主管部门",
      funds: "项目资金",
      organisation: "单位名称",
    };
    const miss = (what: string, field: string, l: RuleFinding["location"]): RuleFinding => ({
      message: `${what}缺少必填项「${FIELD_ZH[field] ?? field}」`,
      messageEn: `${what} lacks the required field "${field}"`,
      location: { ...l, field },
    });
    doc.projects.forEach((p, i) => {
      const where = loc(p.location, { path: `projects[${i}]` });
      const what = `项目「${p.name || i + 1}」`;
      for (const f of rf.project) {
        if (f === "name" && isBlank(p.name)) out.push(miss(what, f, where));
        if (f === "budget" && p.budget === undefined) out.push(miss(what, f, where));
        if (f === "goal" && isBlank(p.goal)) out.push(miss(what, f, where));
      }
    });
    doc.projectSelfEvaluations.forEach((p, i) => {
      const where = loc(p.location, { path: `projectSelfEvaluations[${i}]` });
      const what = `项目自评「${p.name || i + 1}」`;
      for (const f of rf.projectSelfEvaluation) {
        if (f === "name" && isBlank(p.name)) out.push(miss(what, f, where));
        if (f === "department" && isBlank(p.department)) out.push(miss(what, f, where));
        if (f === "funds" && p.funds.length === 0) out.push(miss(what, f, where));
      }
    });
    const ds = doc.departmentSelfEvaluation;
    if (ds) {
      const where = loc(ds.location, { path: "departmentSelfEvaluation" });
      for (const f of rf.departmentSelfEvaluation) {
        if (f === "organisation" && isBlank(ds.organisation)) out.push(miss("部门整体自评", f, where));
        if (f === "budget" && !ds.budget) out.push(miss("部门整体自评", f, where));
      }
    }
    doc.dutyGoals.forEach((t, i) => {
      const where = loc(t.location, { path: `dutyGoals[${i}]` });
      for (const f of rf.dutyTable) {
        if (f === "organisation" && !t.organisation) out.push(miss(`第 ${i + 1} 张职责活动表`, f, where));
      }
    });
    return out;
  },
};

type Hit = { text: string; path: string; near: Record<string, unknown> | undefined };

/** Every string of the document matching `re`, with its path and the nearest location above it. */
function matchingStrings(
  value: unknown,
  path: string,
  near: Record<string, unknown> | undefined,
  re: RegExp,
  out: Hit[],
): void {
  if (typeof value === "string") {
    if (re.test(value.trim())) out.push({ text: value, path, near });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) matchingStrings(value[i], `${path}[${i}]`, near, re, out);
    return;
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const here = o.location && typeof o.location === "object" ? (o.location as Record<string, unknown>) : near;
    for (const k in o) {
      if (k === "location" || k === "parsed" || k === "paragraphs" || k === "unmapped" || k === "sections") continue;
      if (k === "text" && "name" in o) continue; // the name as written: the name itself is looked at
      const v = o[k];
      if (v === undefined || typeof v === "number" || typeof v === "boolean") continue;
      matchingStrings(v, path ? `${path}.${k}` : k, here, re, out);
    }
  }
}

export const placeholder: Rule = {
  id: "completeness.placeholder",
  category: "完整性",
  severity: "error",
  title: { zh: "以占位符（**、*）代替内容", en: "Placeholders (`**`, `*`) in place of content" },
  config: ["placeholderPattern"],
  check(doc, config) {
    const re = new RegExp(config.placeholderPattern);
    // One finding per source row: the fields that hold a placeholder there.
    const rows = new Map<string, { near: Record<string, unknown> | undefined; paths: string[] }>();
    const hits: Hit[] = [];
    matchingStrings(doc, "", undefined, re, hits);
    for (const s of hits) {
      if (s.path.endsWith(".nameText")) continue;
      const key = s.near ? JSON.stringify([s.near.table, s.near.row]) : s.path;
      const entry = rows.get(key) ?? { near: s.near, paths: [] };
      entry.paths.push(s.path.replace(/\.text$/, ""));
      rows.set(key, entry);
    }
    return [...rows.values()].map(({ near, paths }) => ({
      message: `${paths.length} 处内容以占位符代替，未填写：${paths.map(short).join("、")}`,
      messageEn: `${paths.length} value(s) hold a placeholder instead of content: ${paths.map(short).join(", ")}`,
      location: loc(near as Record<string, never> | undefined, { path: paths[0] }),
      details: { count: paths.length },
    }));
  },
};

function short(path: string): string {
  const m = /[^.]+(?:\.[^.[]+)?$/.exec(path);
  return m ? m[0] : path;
}

export const COMPLETENESS_RULES: Rule[] = [level1Groups, noIndicators, targetMissing, requiredFields, placeholder];
