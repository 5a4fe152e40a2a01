import { formatLocation } from "@jixiao/core";
import { ApiError } from "../api/client.ts";
import type { Lang } from "../i18n.tsx";
import { fieldLabel, pathLabel, validationMessageZh } from "./fieldLabels.ts";

/**
 * The text to show for an error: the server's message in the interface language, with where it is. A field is
 * named by the label the form shows (字段「调整原因」, not 字段「changeReason」), and a refused request body
 * (`invalid_input`, whose Chinese message carries the schema library's English) is said in Chinese.
 */
export function describeError(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    // a body the request schema refused (its issues in the details): said in Chinese; a refusal of the business
    // rules (also invalid_input, with a Chinese message of its own, e.g. a move under its own subtree) as it is
    const issue = firstIssue(err.details);
    if (err.code === "invalid_input" && lang === "zh" && issue) {
      const path = issue.path || err.location?.path || err.location?.field || "";
      const what = validationMessageZh(issue.message);
      return path ? `请求数据无效：${pathLabel(path, lang)}${what}` : `请求数据无效：${what}`;
    }
    const text = lang === "en" && err.messageEn ? err.messageEn : err.message;
    const loc = err.location;
    const where = loc
      ? formatLocation(
          // the field by its label; its path then says nothing more
          loc.field ? { ...loc, field: fieldLabel(loc.field, lang), path: undefined } : loc,
          lang,
        )
      : "";
    return where ? `${where}${lang === "zh" ? "：" : ": "}${text}` : text;
  }
  // The browser's own words for a request that never reached the server ("Failed to fetch", "NetworkError…").
  if (err instanceof TypeError && /fetch|network|load failed/i.test(err.message))
    return lang === "zh"
      ? "无法连接服务器，请检查网络后重试。"
      : "The server cannot be reached: check the network and try again.";
  if (err instanceof Error) return err.message;
  return String(err);
}

function firstIssue(details: unknown): { path: string; message: string } | undefined {
  if (!Array.isArray(details)) return undefined;
  const d = details[0] as { path?: unknown; message?: unknown } | undefined;
  if (!d || typeof d.message !== "string") return undefined;
  return { path: typeof d.path === "string" ? d.path : "", message: d.message };
}
