/**
 * Drafts in progress, kept in the browser under a key per record (`selfEvaluation:<id>`), so that a session
 * expiry, a reload or a crash loses no typing. A draft is removed once the record is saved.
 */
const PREFIX = "jixiao.draft.";

export interface Draft<T> {
  savedAt: string;
  /** The server version the draft was started from (to detect a conflict on save). */
  baseVersion?: number;
  data: T;
}

export function saveDraft<T>(key: string, data: T, baseVersion?: number): void {
  const draft: Draft<T> = { savedAt: new Date().toISOString(), data };
  if (baseVersion !== undefined) draft.baseVersion = baseVersion;
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the draft lives only in memory
  }
}

export function loadDraft<T>(key: string): Draft<T> | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Draft<T>) : undefined;
  } catch {
    return undefined;
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing to clear
  }
}
