/**
 * One error channel for the domain: a typed code, a message in Chinese and English,
 * and where the problem is. The server maps codes to HTTP statuses at its edge.
 */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** Where a problem is: any of file, sheet/table/page, row, column, field (1-based rows and columns). */
export interface Location {
  file?: string;
  sheet?: string;
  table?: number;
  page?: number;
  row?: number;
  column?: number | string;
  field?: string;
  /** A path into a structured document, e.g. `projects[3].indicators[2].target`. */
  path?: string;
}

export type DomainErrorCode =
  | "invalid_amount"
  | "zero_budget"
  | "invalid_input"
  | "invalid_scheme"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "unauthenticated";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly text: LocalizedText;
  readonly location: Location | undefined;

  constructor(code: DomainErrorCode, text: LocalizedText, location?: Location) {
    super(text.zh);
    this.name = "DomainError";
    this.code = code;
    this.text = text;
    this.location = location;
  }

  /** The message in the requested language, prefixed with the location when there is one. */
  describe(lang: "zh" | "en" = "zh"): string {
    const where = this.location ? formatLocation(this.location, lang) : "";
    return where ? `${where}: ${this.text[lang]}` : this.text[lang];
  }
}

export function formatLocation(loc: Location, lang: "zh" | "en" = "zh"): string {
  const parts: string[] = [];
  if (lang === "zh") {
    if (loc.file) parts.push(`文件 ${loc.file}`);
    if (loc.sheet) parts.push(`工作表 ${loc.sheet}`);
    if (loc.table !== undefined) parts.push(`第 ${loc.table} 个表格`);
    if (loc.page !== undefined) parts.push(`第 ${loc.page} 页`);
    if (loc.row !== undefined) parts.push(`第 ${loc.row} 行`);
    if (loc.column !== undefined) parts.push(`第 ${loc.column} 列`);
    if (loc.field) parts.push(`字段「${loc.field}」`);
    if (loc.path) parts.push(loc.path);
    return parts.join("，");
  }
  if (loc.file) parts.push(`file ${loc.file}`);
  if (loc.sheet) parts.push(`sheet ${loc.sheet}`);
  if (loc.table !== undefined) parts.push(`table ${loc.table}`);
  if (loc.page !== undefined) parts.push(`page ${loc.page}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column ${loc.column}`);
  if (loc.field) parts.push(`field "${loc.field}"`);
  if (loc.path) parts.push(loc.path);
  return parts.join(", ");
}
