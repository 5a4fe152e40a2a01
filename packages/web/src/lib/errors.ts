import { formatLocation } from "@jixiao/core";
import { ApiError } from "../api/client.ts";
import type { Lang } from "../i18n.tsx";

/** The text to show for an error: the server's message in the interface language, with where it is. */
export function describeError(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    const text = lang === "en" && err.messageEn ? err.messageEn : err.message;
    const where = err.location ? formatLocation(err.location, lang) : "";
    return where ? `${where}: ${text}` : text;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
