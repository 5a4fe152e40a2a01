/**
 * A stored department budget as the 部门预算信息公开 document (seed 001's layout), built from what Jixiao stores:
 * the budget's organisation and the units under it that have a budget of the same year (their nature, rank and
 * funding form), the department's duties (部门职责) and each unit's duty → activity goal tables, and every budget's
 * sections — income with the prior year, spending, 机关运行经费, "三公"经费 with the prior year, procurement lines
 * and the asset summary.
 *
 * The explanatory text is written from those figures in the sentences the importer reads (`收入共计…，其中…`,
 * `…2016年为…`, `比上年增加…，原因：…`), so that what Jixiao writes Jixiao reads back to the same figures. Free
 * narrative the budget does not store as data (the policy preamble, the reasons behind the figures, the terms of
 * section 八) is not invented: docs/export.md says what is left out.
 */
import type { Amount, Disclosure, ImportedDocument } from "@jixiao/core/model";
import { amountText } from "@jixiao/documents";
import { and, asc, desc, eq, like } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { duties } from "../duties/schema.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { amountOf, dutyTableDocument } from "../review/documents.ts";
import { type BudgetWithOrg, type Sections, sectionsOf } from "./department.repository.ts";
import { departmentBudgets } from "./schema.ts";

/** One unit of the disclosure: the organisation and its budget of the year (the latest revision), if any. */
interface Unit {
  org: typeof organisations.$inferSelect;
  budget: { id: string } | undefined;
  sections: Sections | undefined;
}

const ZERO = "0.00";
const wan = (yuan: string | null | undefined) => amountText(amountOf(yuan ?? ZERO), "万元");
const yuanText = (yuan: string | null | undefined) => amountText(amountOf(yuan ?? ZERO), "元");

function fen(yuan: string | null | undefined): bigint {
  const a = amountOf(yuan ?? ZERO);
  return BigInt(a?.fen ?? "0");
}
function yuanOf(f: bigint): string {
  const neg = f < 0n;
  const a = neg ? -f : f;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}
const sum = (values: (string | null | undefined)[]) => yuanOf(values.reduce((s, v) => s + fen(v), 0n));

/** The budget's organisation first, then the units under it with a budget of the same year, in tree order. */
async function unitsOf(db: Db, b: BudgetWithOrg): Promise<Unit[]> {
  const orgs = await db
    .select()
    .from(organisations)
    .where(like(organisations.path, likePrefix(b.orgPath)))
    .orderBy(asc(organisations.path));
  const budgets = await db
    .select({ id: departmentBudgets.id, orgId: departmentBudgets.orgId, revision: departmentBudgets.revision })
    .from(departmentBudgets)
    .innerJoin(organisations, eq(organisations.id, departmentBudgets.orgId))
    .where(and(like(organisations.path, likePrefix(b.orgPath)), eq(departmentBudgets.year, b.year)))
    .orderBy(desc(departmentBudgets.revision));
  const budgetOf = new Map<string, { id: string }>();
  for (const x of budgets) if (!budgetOf.has(x.orgId)) budgetOf.set(x.orgId, { id: x.id });
  budgetOf.set(b.orgId, { id: b.id });
  const out: Unit[] = [];
  for (const org of orgs) {
    const budget = budgetOf.get(org.id);
    if (org.id !== b.orgId && !budget) continue;
    out.push({ org, budget, sections: budget ? await sectionsOf(db, budget.id) : undefined });
  }
  return out;
}

const CHANGE_ITEMS = [
  { name: "因公出国（境）费", match: /出国/ },
  { name: "公务用车购置及运维费", match: /公务用车|车辆/ },
  { name: "公务接待费", match: /接待/ },
] as const;

/** The reason stated for an item's change, from the stored `change_reason` (`…，原因：…；…`), if any. */
function reasonFor(changeReason: string | null, item: RegExp): string | undefined {
  for (const part of (changeReason ?? "").split(/[；;]/)) {
    const m = /原因(?:是|为|主要是)?[：:]?(.*)$/.exec(part);
    if (m && item.test(part.slice(0, m.index))) return m[1]!.trim() || undefined;
  }
  return undefined;
}

/** `比上年增加X万元，原因：…` from this year and the prior year (exact, in fen); nothing without a prior year. */
function changeText(now: bigint, prior: bigint | undefined, reason: string | undefined): string {
  if (prior === undefined) return "";
  const delta = now - prior;
  if (delta === 0n) return "，与上年持平";
  const abs = delta < 0n ? -delta : delta;
  return `，比上年${delta > 0n ? "增加" : "减少"}${wan(yuanOf(abs))}万元，原因：${reason ?? "未填写"}`;
}

function threePublicText(year: number, tp: NonNullable<Sections["threePublic"]>): string {
  const vehicles = fen(tp.vehiclePurchase) + fen(tp.vehicleOperation);
  const total = tp.statedTotal ?? yuanOf(fen(tp.abroad) + vehicles + fen(tp.reception));
  const prior = (v: string | null) => (v === null ? undefined : fen(v));
  const priorVehicles =
    tp.priorVehiclePurchase === null && tp.priorVehicleOperation === null
      ? undefined
      : fen(tp.priorVehiclePurchase) + fen(tp.priorVehicleOperation);
  const [abroad, vehicle, reception] = CHANGE_ITEMS.map((i) => reasonFor(tp.changeReason, i.match));
  return (
    `${year}年，财政拨款“三公”经费预算安排${wan(total)}万元，其中：` +
    `因公出国（境）费${wan(tp.abroad)}万元${changeText(fen(tp.abroad), prior(tp.priorAbroad), abroad)}；` +
    `公务用车购置及运维费${wan(yuanOf(vehicles))}万元（其中：公务用车运行费${wan(tp.vehicleOperation)}万元、` +
    `车辆购置费${wan(tp.vehiclePurchase)}万元）${changeText(vehicles, priorVehicles, vehicle)}；` +
    `公务接待费${wan(tp.reception)}万元${changeText(fen(tp.reception), prior(tp.priorReception), reception)}。`
  );
}

const CATEGORY_WORDS: Record<string, string> = { goods: "货物", works: "工程", services: "服务" };
const SOURCE_COLUMNS = ["一般公共预算拨款", "基金预算拨款", "财政专户核拨", "其他来源收入"] as const;

/** A unit's procurement lines as the 14-column table by source; the first unit's total is 合计, others' 小计. */
function procurementTable(
  unitName: string,
  lines: Sections["procurement"],
  first: boolean,
  file: string,
): Disclosure["procurement"][number] {
  const total = sum(lines.map((l) => l.amount));
  return {
    organisation: unitName,
    totals: [{ label: first ? "合计" : `${unitName}小计`, amount: amountOf(total)!, location: { file } }],
    lines: lines.map((l) => {
      const amount = amountOf(l.amount)!;
      const source = SOURCE_COLUMNS.find((s) => s === l.fundingSource);
      return {
        project: l.itemName,
        item: l.category ? (CATEGORY_WORDS[l.category] ?? l.category) : "",
        ...(l.catalogCode && l.catalogCode !== "—" ? { catalog: l.catalogCode } : {}),
        ...(l.unit ? { quantityUnit: l.unit } : {}),
        ...(l.quantity !== null ? { quantity: trimmed(l.quantity) } : {}),
        ...(l.unitPrice !== null ? { unitPrice: amountOf(l.unitPrice)! } : {}),
        amount,
        // The column of its funding source when it is one of the table's; otherwise the amount stands alone.
        ...(source ? { funding: { 当年部门预算安排资金合计: amount, [source]: amount } } : {}),
        location: { file },
      };
    }),
    location: { file },
  };
}

/** numeric(18,4) "2.5000" → {text: "2.5", value: "2.5"}. */
function trimmed(v: string): { text: string; value: string } {
  const t = v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;
  return { text: t, value: t };
}

function assetTable(unitName: string, a: NonNullable<Sections["assets"]>, file: string): Disclosure["assets"][number] {
  const total = a.statedTotal ?? sum([a.buildings, a.vehicles, a.other]);
  return {
    title: `${unitName}国有资产占用情况表`,
    organisation: unitName,
    unit: "元",
    total: amountOf(total)!,
    lines: [
      {
        label: "房屋及土地",
        ...(a.buildingArea !== null ? { quantity: trimmed(a.buildingArea) } : {}),
        amount: amountOf(a.buildings)!,
        location: { file },
      },
      {
        label: "车辆",
        ...(a.vehicleCount !== null ? { quantity: trimmed(String(a.vehicleCount)) } : {}),
        amount: amountOf(a.vehicles)!,
        location: { file },
      },
      { label: "其他资产", amount: amountOf(a.other)!, location: { file } },
    ],
    location: { file },
  };
}

/** The 部门预算信息公开 of a stored budget (its organisation and the units under it), as core's document. */
export async function budgetDisclosureDocument(db: Db, b: BudgetWithOrg): Promise<ImportedDocument> {
  const file = `budget/${b.id}`;
  const units = await unitsOf(db, b);
  const dept = units[0]!;
  const s = dept.sections ?? { income: [], spending: [], threePublic: null, procurement: [], assets: null };
  const title = `${b.orgName}${b.year}年部门预算信息公开`;
  const sections: Disclosure["sections"] = [];

  // 一、duties and units.
  const dutyRows = await db
    .select()
    .from(duties)
    .where(and(eq(duties.orgId, b.orgId), eq(duties.year, b.year)))
    .orderBy(asc(duties.sortOrder), asc(duties.createdAt));
  const dutyList: Disclosure["duties"] = dutyRows.map((d, i) => {
    const text = `${i + 1}、${d.name}：${d.description ?? ""}`;
    return { number: String(i + 1), name: d.name, text };
  });
  sections.push({
    heading: "一、部门职责及机构设置情况",
    paragraphs: [
      ...(dutyList.length ? ["部门职责：", ...dutyList.map((d) => d.text)] : []),
      "机构设置：",
      `部门预算由以下${units.length}个单位组成。`,
    ],
  });

  // 二、income (with the prior year) and spending.
  const overview: string[] = [];
  const incomeTotal = b.incomeTotal ?? (s.income.length ? sum(s.income.map((l) => l.amount)) : null);
  if (incomeTotal !== null) {
    const parts = s.income.map((l) => `${l.category}${wan(l.amount)}万元`).join("，");
    overview.push(`${b.orgName}今年收入共计${wan(incomeTotal)}万元${parts ? `，其中${parts}` : ""}。`);
  }
  const compared = s.income.filter((l) => l.priorAmount !== null);
  if (compared.length) {
    overview.push(
      `与上年相比：${compared
        .map((l) => `${l.category}${b.year - 1}年为${wan(l.priorAmount)}万元，${b.year}年为${wan(l.amount)}万元`)
        .join("；")}。`,
    );
  }
  if (s.spending.length || b.expenditureTotal !== null) {
    const kindTotal = (k: string) => sum(s.spending.filter((l) => l.kind === k).map((l) => l.amount));
    const spent = b.expenditureTotal ?? sum(s.spending.map((l) => l.amount));
    overview.push(
      `本年支出合计${wan(spent)}万元：基本支出${wan(kindTotal("basic"))}万元，项目支出${wan(kindTotal("project"))}万元。`,
    );
    if (s.spending.length)
      overview.push(
        `支出明细：${s.spending
          .map((l) => `${l.name}（${l.kind === "basic" ? "基本支出" : "项目支出"}）${wan(l.amount)}万元`)
          .join("；")}。`,
      );
  }
  if (!overview.length) overview.push("本年度部门预算尚未填报收支情况。");
  sections.push({ heading: "二、部门预算安排总体情况", paragraphs: overview });

  // 三、机关运行经费.
  sections.push({
    heading: "三、机关运行经费安排情况",
    paragraphs: [b.operatingFunds !== null ? `机关运行经费${wan(b.operatingFunds)}万元。` : "未填报机关运行经费。"],
  });

  // 四、"三公"经费.
  sections.push({
    heading: "四、财政拨款“三公”经费预算情况",
    paragraphs: [s.threePublic ? threePublicText(b.year, s.threePublic) : "未填报“三公”经费预算。"],
  });

  // 五、goal tables (each unit's duty → activity table follows).
  const dutyGoals: ImportedDocument["dutyGoals"] = [];
  for (const u of units) {
    const [any] = await db
      .select({ id: duties.id })
      .from(duties)
      .where(and(eq(duties.orgId, u.org.id), eq(duties.year, b.year)))
      .limit(1);
    if (!any) continue;
    const t = await dutyTableDocument(db, { id: any.id, orgId: u.org.id, year: b.year, orgName: u.org.name });
    dutyGoals.push(...t.document.dutyGoals);
  }
  sections.push({
    heading: "五、职责分类绩效目标",
    paragraphs: [dutyGoals.length ? "部门职责-工作活动绩效目标" : "未填报职责分类绩效目标。"],
  });

  // 六、procurement: one table per unit with lines.
  const procurement: Disclosure["procurement"] = [];
  const procurementText: string[] = [];
  for (const u of units) {
    const lines = u.sections?.procurement ?? [];
    if (!lines.length) continue;
    const t = procurementTable(u.org.name, lines, procurement.length === 0, file);
    procurement.push(t);
    procurementText.push(`${u.org.name}政府采购预算${wan(t.totals[0]!.amount.yuan)}万元。`);
  }
  sections.push({
    heading: "六、政府采购预算情况",
    paragraphs: procurementText.length ? procurementText : ["本年度无政府采购预算。"],
  });

  // 七、assets: one table per unit with an asset summary.
  const assets: Disclosure["assets"] = [];
  const assetText: string[] = [];
  for (const u of units) {
    if (!u.sections?.assets) continue;
    const t = assetTable(u.org.name, u.sections.assets, file);
    assets.push(t);
    assetText.push(`${u.org.name}国有资产总额${yuanText(t.total!.yuan)}元。`);
  }
  sections.push({
    heading: "七、国有资产占用情况",
    paragraphs: assetText.length ? assetText : ["未填报国有资产占用情况。"],
  });

  sections.push({
    heading: "八、其他说明",
    paragraphs: ["本公开文件由绩效管理系统根据已审核录入的预算数据生成，金额单位除注明外为万元。"],
  });

  const disclosure: Disclosure = {
    title,
    organisation: b.orgName,
    year: b.year,
    duties: dutyList,
    units: units.map((u) => ({
      name: u.org.name,
      ...(u.org.nature ? { nature: u.org.nature } : {}),
      ...(u.org.rank ? { rank: u.org.rank } : {}),
      ...(u.org.fundingForm ? { fundingForm: u.org.fundingForm } : {}),
      location: { file },
    })),
    ...(incomeTotal !== null
      ? {
          overview: {
            text: overview.join("\n"),
            total: amountOf(incomeTotal) as Amount,
            parts: s.income.map((l) => ({ label: l.category, amount: amountOf(l.amount)! })),
            comparisons: compared.map((l) => ({
              item: l.category,
              values: [
                { year: b.year - 1, amount: amountOf(l.priorAmount)! },
                { year: b.year, amount: amountOf(l.amount)! },
              ],
            })),
          },
        }
      : {}),
    ...(b.operatingFunds !== null
      ? { runningCosts: { text: sections[2]!.paragraphs.join("\n"), amount: amountOf(b.operatingFunds)! } }
      : {}),
    procurementStated: [],
    procurement,
    assetsStated: [],
    assets,
    sections,
  };
  return {
    file,
    format: "records",
    kinds: ["budget-disclosure"],
    title,
    organisations: units.map((u) => ({ name: u.org.name, code: u.org.code })),
    dutyGoals,
    projects: [],
    projectSelfEvaluations: [],
    disclosure,
    paragraphs: [
      { text: title, location: { file, row: 1 } },
      { text: `现将${b.orgName}${b.year}年部门预算公开如下：`, location: { file, row: 2 } },
    ],
    unmapped: [],
  };
}
