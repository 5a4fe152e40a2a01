/**
 * The labels of a project form's head, by what they say rather than by a list of spellings: a name label ends in
 * 名称 and names a project, a transfer payment or a special fund (项目名称, 项目支出名称, 转移支付(项目)名称, 专项资金名称);
 * a department label ends in 主管部门 / 预算部门 / 部门名称 (中央主管部门, 地方主管部门, 主管部门及代码); an implementer label
 * ends in 实施单位 / 使用单位 / 预算单位 (项目实施单位, 资金使用单位).
 */
export type FormLabel = "name" | "department" | "implementer";

/** The label a cell is, if it is one (brackets are read as plain text: 转移支付(项目)名称 → 转移支付项目名称). */
export function formLabel(text: string): FormLabel | undefined {
  const t = text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[(（)）]/g, "")
    .replace(/[：:]$/, "");
  if (t.length === 0 || t.length > 12) return undefined;
  if (/^(项目|项目支出|转移支付|转移支付项目|专项资金|专项|资金)名称$/.test(t)) return "name";
  if (/(主管部门|主管部门及代码|预算部门|部门名称)$/.test(t)) return "department";
  if (/(实施单位|使用单位|预算单位|执行单位)$/.test(t)) return "implementer";
  return undefined;
}
