/**
 * 算术一致性: wherever a document states a total and its parts, they must agree — income overview, 三公经费,
 * procurement (数量 × 单价 = 金额, lines = totals, sources = 合计), assets, duty = Σ activities, 年初 + 调整 = 确定 and
 * 执行率, basic + project = total, a project's funding split, the report's projects = its headline, text = tables.
 * A difference within the unit's rounding tolerance is a warning; beyond it an error. Exact in fen throughout.
 */
import type { Location } from "../../errors/domain-error.ts";
import type { Amount, FundLine, ImportedDocument } from "../../model/document.ts";
import { checkBudgetLine, checkProcurementLine } from "../../money/budget.ts";
import { type Fen, type MoneyUnit, sumFen } from "../../money/money.ts";
import { parseDecimal } from "../../numbers/decimal.ts";
import { compareAmounts, fenOf, loc, locateText, showAmount } from "../context.ts";
import type { ReviewConfig, Rule, RuleFinding } from "../types.ts";

/** A total against its parts: a finding when they differ. Parts without an amount count as absent. */
function totalFinding(
  what: { zh: string; en: string },
  total: Amount | undefined,
  parts: (Amount | undefined)[],
  location: Location,
  config: ReviewConfig,
  partsLabel = { zh: "各分项合计", en: "its parts add up to" },
): RuleFinding | undefined {
  const t = fenOf(total);
  const ps = parts.map(fenOf).filter((p): p is Fen => p !== undefined);
  if (t === undefined || !total || ps.length === 0) return undefined;
  const unit = total.unit;
  const c = compareAmounts(t, sumFen(ps), unit, config);
  if (!c) return undefined;
  return {
    message: `${what.zh}填报 ${c.stated}，${partsLabel.zh} ${c.computed}，相差 ${c.difference}${c.details.withinRounding ? "（在舍入误差范围内）" : ""}`,
    messageEn: `${what.en} is stated as ${c.stated}; ${partsLabel.en} ${c.computed}, a difference of ${c.difference}${c.details.withinRounding ? " (within rounding)" : ""}`,
    location,
    details: c.details,
    severity: c.severity,
  };
}

export const incomeParts: Rule = {
  id: "arith.income-parts",
  category: "算术一致性",
  severity: "error",
  title: { zh: "收入（支出）总计 = 各分项之和", en: "Income (spending) total = the sum of its parts" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const o = doc.disclosure?.overview;
    if (!o?.total) return [];
    const line = o.text.split("\n").find((l) => l.includes(o.total!.text)) ?? "";
    const where = locateText(doc, line, { file: doc.file, field: "overview.total", path: "disclosure.overview" });
    const f = totalFinding(
      { zh: "收入共计", en: "The income total" },
      o.total,
      o.parts.map((p) => p.amount),
      { ...where, field: "overview.total", path: "disclosure.overview.total" },
      config,
    );
    return f ? [f] : [];
  },
};

export const threePublic: Rule = {
  id: "arith.three-public",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "“三公”经费 = 因公出国(境) + 公务用车(购置 + 运行) + 公务接待",
    en: "三公 total = abroad + vehicles (purchase + operation) + reception",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const t = doc.disclosure?.threePublic;
    if (!t) return [];
    const line = t.text.split("\n").find((l) => t.total && l.includes(t.total.text)) ?? "";
    const where = locateText(doc, line, { file: doc.file, path: "disclosure.threePublic" });
    const out: RuleFinding[] = [];
    const a = totalFinding(
      { zh: "“三公”经费", en: "The 三公 total" },
      t.total,
      [t.abroad, t.vehicles ?? undefined, t.reception],
      { ...where, path: "disclosure.threePublic.total" },
      config,
    );
    if (a) out.push(a);
    if (t.vehicles && (t.vehicleOperation || t.vehiclePurchase)) {
      const b = totalFinding(
        { zh: "公务用车购置及运行维护费", en: "Vehicle purchase and operation" },
        t.vehicles,
        [t.vehicleOperation, t.vehiclePurchase],
        { ...where, path: "disclosure.threePublic.vehicles" },
        config,
      );
      if (b) out.push(b);
    }
    return out;
  },
};

export const procurementLine: Rule = {
  id: "arith.procurement-line",
  category: "算术一致性",
  severity: "error",
  title: { zh: "政府采购：数量 × 单价 = 金额", en: "Procurement: quantity × unit price = amount" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    doc.disclosure?.procurement.forEach((t, ti) => {
      t.lines.forEach((l, li) => {
        const q = l.quantity?.value !== undefined ? parseDecimal(l.quantity.value) : undefined;
        const price = fenOf(l.unitPrice);
        const amount = fenOf(l.amount);
        if (!q || price === undefined || amount === undefined || !l.amount) return;
        const computed = checkProcurementLine(q, price, amount).product;
        const c = compareAmounts(amount, computed, l.amount.unit, config);
        if (!c) return;
        out.push({
          message: `「${l.item}」数量 ${l.quantity!.text} × 单价 ${l.unitPrice!.text} = ${c.computed}，金额填报为 ${c.stated}，相差 ${c.difference}${c.details.withinRounding ? "（在舍入误差范围内）" : ""}`,
          messageEn: `"${l.item}": quantity ${l.quantity!.text} × unit price ${l.unitPrice!.text} = ${c.computed}, but the amount is stated as ${c.stated}, a difference of ${c.difference}${c.details.withinRounding ? " (within rounding)" : ""}`,
          location: loc(l.location, { field: "amount", path: `disclosure.procurement[${ti}].lines[${li}].amount` }),
          details: c.details,
          severity: c.severity,
        });
      });
    });
    return out;
  },
};

export const procurementTotal: Rule = {
  id: "arith.procurement-total",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "政府采购：合计 = 各行金额之和；资金合计 = 各来源之和",
    en: "Procurement: totals = the sum of the lines; funding total = its sources",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    doc.disclosure?.procurement.forEach((t, ti) => {
      const amounts = t.lines.map((l) => fenOf(l.amount)).filter((f): f is Fen => f !== undefined);
      t.totals.forEach((tot, i) => {
        const stated = fenOf(tot.amount);
        if (stated === undefined || amounts.length === 0) return;
        const all = sumFen(amounts);
        if (stated === all) return;
        // A subtotal of one group or project (its name in the label) is compared with that group's lines.
        const label = tot.label.replace(/[\s\u3000]+/g, "");
        const groupLines = t.lines.filter((l) => {
          const g = (l.group ?? l.project ?? "").replace(/^[一二三四五六七八九十\d]+[、.．]/, "");
          return g !== "" && label.includes(g);
        });
        const sum = groupLines.length > 0 ? sumFen(groupLines.map((l) => fenOf(l.amount) ?? (0n as Fen))) : all;
        const c = compareAmounts(stated, sum, tot.amount.unit, config);
        if (!c) return;
        out.push({
          message: `采购表「${tot.label.replace(/[\s\u3000]+/g, "")}」填报 ${c.stated}，各行金额合计 ${c.computed}，相差 ${c.difference}`,
          messageEn: `procurement "${tot.label}" is stated as ${c.stated}; the lines add up to ${c.computed}, a difference of ${c.difference}`,
          location: loc(tot.location, { path: `disclosure.procurement[${ti}].totals[${i}]` }),
          details: c.details,
          severity: c.severity,
        });
      });
      t.lines.forEach((l, li) => {
        const entries = Object.entries(l.funding ?? {});
        const totalEntry = entries.find(([k]) => k.includes("合计"));
        if (!totalEntry) return;
        const f = totalFinding(
          { zh: `「${l.item}」${totalEntry[0]}`, en: `"${l.item}" ${totalEntry[0]}` },
          totalEntry[1],
          entries.filter(([k]) => k !== totalEntry[0]).map(([, v]) => v),
          loc(l.location, { path: `disclosure.procurement[${ti}].lines[${li}].funding` }),
          config,
          { zh: "各资金来源合计", en: "its sources add up to" },
        );
        if (f) out.push(f);
      });
    });
    return out;
  },
};

export const assetsTotal: Rule = {
  id: "arith.assets-total",
  category: "算术一致性",
  severity: "error",
  title: { zh: "国有资产：资产总额 = 房屋 + 车辆 + 其他", en: "Assets: total = buildings + vehicles + other" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    doc.disclosure?.assets.forEach((a, i) => {
      const f = totalFinding(
        { zh: `${a.title}资产总额`, en: `The asset total of ${a.title}` },
        a.total,
        a.lines.map((l) => l.amount),
        loc(a.location, { field: "total", path: `disclosure.assets[${i}].total` }),
        config,
      );
      if (f) out.push(f);
    });
    return out;
  },
};

export const dutyActivities: Rule = {
  id: "arith.duty-activities",
  category: "算术一致性",
  severity: "error",
  title: { zh: "职责年度预算数 = 其工作活动预算数之和", en: "A duty's budget = the sum of its activities' budgets" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    doc.dutyGoals.forEach((t, ti) => {
      t.duties.forEach((d, di) => {
        if (!d.activities.some((a) => fenOf(a.budget) !== undefined)) return;
        const f = totalFinding(
          { zh: `职责「${d.name}」年度预算数`, en: `The budget of duty "${d.name}"` },
          d.budget,
          d.activities.map((a) => a.budget),
          loc(d.location, { field: "budget", path: `dutyGoals[${ti}].duties[${di}].budget` }),
          config,
          { zh: "各工作活动预算合计", en: "its activities add up to" },
        );
        if (f) out.push(f);
      });
    });
    return out;
  },
};

function fundLines(doc: ImportedDocument): { line: FundLine; path: string; what: string }[] {
  const out: { line: FundLine; path: string; what: string }[] = [];
  doc.departmentExpenditureEvaluation?.budgetRows.forEach((r, i) => {
    out.push({ line: r, path: `departmentExpenditureEvaluation.budgetRows[${i}]`, what: r.label });
  });
  const b = doc.departmentSelfEvaluation?.budget;
  if (b) out.push({ line: b, path: "departmentSelfEvaluation.budget", what: b.label });
  doc.projectSelfEvaluations.forEach((p, pi) => {
    p.funds.forEach((f, fi) => {
      out.push({ line: f, path: `projectSelfEvaluations[${pi}].funds[${fi}]`, what: `${p.name} ${f.label}` });
    });
  });
  return out;
}

export const budgetLine: Rule = {
  id: "arith.budget-line",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "年初预算数 + 调整数 = 预算确定数；执行率 = 执行数 ÷ 预算确定数",
    en: "initial + adjustment = final budget; rate = executed ÷ final budget",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    for (const { line, path, what } of fundLines(doc)) {
      const check = checkBudgetLine({
        initial: fenOf(line.initial),
        adjustment: fenOf(line.adjustment),
        final: fenOf(line.budget),
        executed: fenOf(line.executed),
        statedRate: line.rate?.text,
      });
      const unit: MoneyUnit = line.budget?.unit ?? line.initial?.unit ?? "元";
      for (const p of check.problems) {
        if (p.code === "final_mismatch" && line.adjustment === undefined) continue; // no adjustment column
        let severity: RuleFinding["severity"] = p.code === "executed_over_budget" ? "warning" : "error";
        let details: RuleFinding["details"];
        if (p.code === "final_mismatch" && check.computedFinal !== undefined) {
          const c = compareAmounts(fenOf(line.budget) ?? (0n as Fen), check.computedFinal, unit, config);
          if (c) {
            severity = c.severity;
            details = c.details;
          }
        }
        if (p.code === "rate_mismatch" && check.rateComparison) {
          details = {
            stated: check.rateComparison.stated.text,
            computed: `${check.rateComparison.computed.text}%`,
            unit: "%",
          };
        }
        out.push({
          message: `「${what}」${p.zh}`,
          messageEn: `"${what}": ${p.en}`,
          location: loc(line.location, { path }),
          ...(details ? { details } : {}),
          severity,
        });
      }
    }
    return out;
  },
};

export const budgetSplit: Rule = {
  id: "arith.budget-split",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "合计 = 基本支出 + 项目支出；项目支出 = 财政拨款 + 其他资金 + 上年结转",
    en: "total = basic + project spending; project = fiscal + other + carry-over",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const de = doc.departmentExpenditureEvaluation;
    if (!de) return [];
    const out: RuleFinding[] = [];
    const row = (c: string) => de.budgetRows.find((r) => r.category === c);
    const COLUMNS = [
      ["initial", "年初预算数"],
      ["adjustment", "预算调整数"],
      ["budget", "预算确定数"],
      ["executed", "执行数"],
    ] as const;
    const pairs: [string, string[], string][] = [
      ["total", ["basic", "project"], "基本支出 + 项目支出"],
      ["project", ["fiscal", "other", "carryOver"], "财政拨款 + 其他资金 + 上年结转"],
    ];
    for (const [whole, parts, partsZh] of pairs) {
      const w = row(whole);
      const ps = parts.map(row).filter((r) => r !== undefined);
      if (!w || ps.length < 2) continue;
      for (const [col, colZh] of COLUMNS) {
        const f = totalFinding(
          { zh: `「${w.label}」${colZh}`, en: `"${w.label}" ${col}` },
          w[col],
          ps.map((p) => p![col]),
          loc(w.location, {
            field: col,
            path: `departmentExpenditureEvaluation.budgetRows[${de.budgetRows.indexOf(w)}]`,
          }),
          config,
          { zh: partsZh, en: parts.join(" + ") },
        );
        if (f) out.push(f);
      }
    }
    return out;
  },
};

export const projectFunding: Rule = {
  id: "arith.project-funding",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "项目资金总额 = 财政拨款 + 上年结转 + 其他资金",
    en: "A project's budget = fiscal + carry-over + other funds",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    doc.projects.forEach((p, i) => {
      const f = p.funding;
      if (!f) return;
      const finding = totalFinding(
        { zh: `项目「${p.name}」预算数`, en: `The budget of project "${p.name}"` },
        p.budget,
        [f.fiscal, f.carryOver, f.other],
        loc(p.location, { field: "budget", path: `projects[${i}].budget` }),
        config,
        { zh: "各资金来源合计", en: "its sources add up to" },
      );
      if (finding) out.push(finding);
    });
    return out;
  },
};

export const reportProjects: Rule = {
  id: "arith.report-projects",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "报告所列项目的预算数、执行数之和 = 报告的总数",
    en: "The report's projects add up to its headline budget and execution",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const ds = doc.departmentSelfEvaluation;
    if (!ds?.report || ds.projects.length === 0) return [];
    const out: RuleFinding[] = [];
    const where = locateText(doc, ds.report.budget?.text ?? "", {
      file: doc.file,
      path: "departmentSelfEvaluation.report",
    });
    for (const [key, zh, en] of [
      ["budget", "预算数", "budget"],
      ["executed", "执行数", "execution"],
    ] as const) {
      const f = totalFinding(
        { zh: `报告${zh}`, en: `The report's ${en}` },
        ds.report[key],
        ds.projects.map((p) => (key === "budget" ? p.budget : p.executed)),
        { ...where, field: key, path: `departmentSelfEvaluation.report.${key}` },
        config,
        { zh: "各项目合计", en: "its projects add up to" },
      );
      if (f) out.push(f);
    }
    return out;
  },
};

export const textTable: Rule = {
  id: "arith.text-table",
  category: "算术一致性",
  severity: "info",
  title: {
    zh: "说明文字中的总额（万元）与表格（元）一致",
    en: "Totals in the text (万元) agree with the tables (元)",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const d = doc.disclosure;
    if (!d) return [];
    const out: RuleFinding[] = [];
    const tableTotals: { fen: Fen; where: string }[] = [];
    for (const t of d.procurement)
      for (const tot of t.totals) {
        const f = fenOf(tot.amount);
        if (f !== undefined) tableTotals.push({ fen: f, where: tot.label });
      }
    for (const a of d.assets) {
      const f = fenOf(a.total);
      if (f !== undefined) tableTotals.push({ fen: f, where: a.title });
    }
    if (tableTotals.length === 0) return [];
    const stated = [...d.procurementStated, ...d.assetsStated].filter((s) => /总额|采购预算/.test(s.label));
    for (const s of stated) {
      const f = fenOf(s.amount);
      if (f === undefined) continue;
      const near = tableTotals.find((t) => compareAmounts(f, t.fen, s.amount.unit, config)?.severity !== "error");
      if (near && near.fen === f) continue;
      const where = locateText(doc, `${s.amount.text}`, { file: doc.file, path: "disclosure" });
      out.push(
        near
          ? {
              message: `说明中「${s.label}」${showAmount(f, s.amount.unit)} 与表格「${near.where}」${showAmount(near.fen, s.amount.unit)} 有舍入差异`,
              messageEn: `the text's "${s.label}" ${showAmount(f, s.amount.unit)} differs by rounding from the table "${near.where}" ${showAmount(near.fen, s.amount.unit)}`,
              location: where,
            }
          : {
              message: `说明中「${s.label}」${showAmount(f, s.amount.unit)} 在表格合计中找不到`,
              messageEn: `the text's "${s.label}" ${showAmount(f, s.amount.unit)} matches no table total`,
              location: where,
            },
      );
    }
    return out;
  },
};

export const statedUnit: Rule = {
  id: "arith.stated-unit",
  category: "数据质量",
  severity: "warning",
  title: { zh: "表头注明的金额单位与所填金额不符", en: "The unit the header states is not the figures' unit" },
  check(doc) {
    const de = doc.departmentExpenditureEvaluation;
    if (!de?.statedUnit || de.statedUnit.replace(/[\s（）()]/g, "") === de.amountUnit) return [];
    const first = de.budgetRows.find((r) => r.budget ?? r.initial);
    const example = first?.budget?.text ?? first?.initial?.text ?? "";
    return [
      {
        message: `表头注明单位为「${de.statedUnit}」，但金额（如 ${example}）按其大小和写法应为「${de.amountUnit}」`,
        messageEn: `the header states ${de.statedUnit}, but the figures (e.g. ${example}) are in ${de.amountUnit} by their size and form`,
        location: loc(first?.location ?? de.location, { path: "departmentExpenditureEvaluation.statedUnit" }),
        details: { stated: de.statedUnit, computed: de.amountUnit },
      },
    ];
  },
};

export const ARITHMETIC_RULES: Rule[] = [
  incomeParts,
  threePublic,
  procurementLine,
  procurementTotal,
  assetsTotal,
  dutyActivities,
  budgetLine,
  budgetSplit,
  projectFunding,
  reportProjects,
  textTable,
  statedUnit,
];
