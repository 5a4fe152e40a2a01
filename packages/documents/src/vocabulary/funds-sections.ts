/**
 * The funds sections of a form that prints its funds as section names over label / value pairs, as data: 河北's
 * 2020 预算项目绩效自评表 has `预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)` over `预算数 6.84 到位数 6.84
 * 执行数 6.84 100.00` (each section its label and amount; the rate bare). What each section's amount is: the year's
 * budget, the money that arrived (no budget nor execution), the amount executed, the execution rate.
 * Names are compared without whitespace and bracketed notes (`(调整后)`, `(%)`). Read by import/section-funds.ts.
 */
export type FundsSection = "budget" | "arrived" | "executed" | "rate";

export const FUNDS_SECTIONS: readonly { text: string; section: FundsSection }[] = [
  { text: "预算安排情况", section: "budget" },
  { text: "资金到位情况", section: "arrived" },
  { text: "资金执行情况", section: "executed" },
  { text: "预算执行进度", section: "rate" },
  { text: "预算执行率", section: "rate" },
];

const BY_KEY = new Map(FUNDS_SECTIONS.map((s) => [key(s.text), s.section]));

function key(text: string): string {
  return text.replace(/[\s\u3000]+/g, "").replace(/[（(][^（）()]*[)）]/g, "");
}

/** The section a funds section name names, or undefined. */
export function fundsSection(text: string): FundsSection | undefined {
  return BY_KEY.get(key(text));
}
