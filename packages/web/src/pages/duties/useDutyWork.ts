import { App } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n.tsx";
import { clearDraft, loadDraft, saveDraft } from "../../lib/drafts.ts";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { useWorkspace } from "../../workspace.tsx";
import { type Duty, dutyEndpoints } from "./api.ts";
import {
  activitiesChanged,
  type DutyDraft,
  draftOf,
  headerChanged,
  mergeDraft,
  moveItem,
  readWan,
  toActivityInput,
  wireYuan,
} from "./model.ts";

const draftKey = (id: string) => `duty:${id}`;

/** Each duty's draft and the version of the duty it was started from. */
interface Work {
  drafts: Record<string, DutyDraft>;
  bases: Record<string, Duty>;
}

const changed = (base: Duty, draft: DutyDraft): boolean => {
  const o = draftOf(base);
  return headerChanged(o, draft) || activitiesChanged(o, draft);
};

/** A save answered 409: the duty as it is now on the server (when the answer carried it). */
export interface Conflict {
  dutyId: string;
  current: Duty | undefined;
}

/** Writes the header (PATCH) and the activities (PUT) that changed, each with the version it holds. */
async function writeDuty(d: Duty, dr: DutyDraft): Promise<Duty | undefined> {
  const o = draftOf(d);
  let version = d.version;
  let saved: Duty | undefined;
  if (headerChanged(o, dr)) {
    saved = await dutyEndpoints.update(d.id, {
      version,
      name: dr.name.trim(),
      description: dr.description.trim() || null,
      statedBudget: wireYuan(dr.statedBudget),
    });
    version = saved.version;
  }
  if (activitiesChanged(o, dr)) saved = await dutyEndpoints.saveActivities(d.id, version, toActivityInput(dr));
  return saved;
}

/**
 * The duties of the organisation and year with a draft per duty, kept in the browser until saved, and the
 * writes (save with the version read, add, delete, reorder). A 409 on save becomes `conflict`.
 */
export function useDutyWork() {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { message } = App.useApp();
  const [duties, setDuties] = useState<Duty[]>();
  const [work, setWork] = useState<Work>({ drafts: {}, bases: {} });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();

  /**
   * Reads the duties again. Unsaved edits of other duties are kept over the version they were started from (a
   * save then says 409 if someone else changed that duty meanwhile; a change of order only is taken in);
   * `fresh` names the duty whose draft is replaced by the server's (just saved, or dropped).
   */
  const load = useCallback(
    async (fresh?: string) => {
      if (!ws.orgId) return;
      try {
        const r = await dutyEndpoints.list(ws.orgId, ws.year);
        setDuties(r.items);
        setWork((prev) => {
          const next: Work = { drafts: {}, bases: {} };
          for (const d of r.items) {
            const base = prev.bases[d.id];
            const mine = prev.drafts[d.id];
            if (d.id !== fresh && base && mine && changed(base, mine)) {
              next.bases[d.id] = changed(d, draftOf(base)) ? base : d;
              next.drafts[d.id] = mine;
            } else {
              next.bases[d.id] = d;
              // Typing kept in the browser (a reload, a crash) comes back when the duty has not moved on since.
              const kept = d.id === fresh ? undefined : loadDraft<DutyDraft>(draftKey(d.id));
              next.drafts[d.id] = kept && kept.baseVersion === d.version ? kept.data : draftOf(d);
            }
          }
          return next;
        });
        setError(undefined);
      } catch (e) {
        setError(describeError(e, lang));
      }
    },
    [ws.orgId, ws.year, lang],
  );

  useEffect(() => {
    setDuties(undefined);
    setWork({ drafts: {}, bases: {} });
    load();
  }, [load]);

  // Every unsaved draft is kept in the browser with the version it started from; a saved one is removed.
  useEffect(() => {
    for (const [id, base] of Object.entries(work.bases)) {
      const d = work.drafts[id];
      if (d && changed(base, d)) saveDraft(draftKey(id), d, base.version);
      else clearDraft(draftKey(id));
    }
  }, [work]);

  const dirtyOf = (id: string) => {
    const d = work.bases[id];
    const dr = work.drafts[id];
    return !!d && !!dr && changed(d, dr);
  };
  // A duty or activity edited and not saved: leaving the page (or switching organisation or year) asks first. The
  // draft kept in the browser would bring the typing back, but only on this browser and until another save.
  useLeaveGuard(Object.keys(work.bases).some(dirtyOf));

  const edit = (id: string, fn: (d: DutyDraft) => DutyDraft) =>
    setWork((w) => (w.drafts[id] ? { ...w, drafts: { ...w.drafts, [id]: fn(w.drafts[id]) } } : w));

  /** Drops the duty's edits for the latest version read. */
  const undo = (id: string) => {
    const latest = duties?.find((x) => x.id === id) ?? work.bases[id];
    if (!latest) return;
    setWork((w) => ({
      drafts: { ...w.drafts, [id]: draftOf(latest) },
      bases: { ...w.bases, [id]: latest },
    }));
  };

  /** A write, busy meanwhile; whether it went through. A 409 reads the duties again (someone else moved them on). */
  const run = async (what: () => Promise<void>, reloadOn409 = true): Promise<boolean> => {
    setBusy(true);
    try {
      await what();
      return true;
    } catch (e) {
      message.error(describeError(e, lang));
      if (reloadOn409 && e instanceof ApiError && e.status === 409) await load();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (id: string, over?: Duty) => {
    const duty = work.bases[id];
    const draft = work.drafts[id];
    if (!duty || !draft) return;
    setBusy(true);
    try {
      // Applying again after a conflict: the edits are written over the record as it is now (fields the user
      // did not touch take the server's values).
      const mine = over ? mergeDraft(draftOf(duty), draft, draftOf(over)) : draft;
      if (over) setWork((w) => ({ ...w, drafts: { ...w.drafts, [id]: mine } }));
      await writeDuty(over ?? duty, mine);
      message.success(t("edit.saved"));
      setConflict(undefined);
      await load(id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict({ dutyId: id, current: e.current as Duty });
      else message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const discardConflict = async () => {
    const id = conflict?.dutyId;
    setConflict(undefined);
    await load(id);
  };

  /** Creates a duty at the end of the organisation's list; the new duty's id, or undefined when it failed. */
  const addDuty = async (name: string, budget: string): Promise<string | undefined> => {
    if (!ws.orgId) return;
    const b = readWan(budget, lang);
    if (b.error) {
      message.error(b.error);
      return;
    }
    let id: string | undefined;
    const orgId = ws.orgId;
    await run(async () => {
      const created = await dutyEndpoints.create({
        orgId,
        year: ws.year,
        name: name.trim(),
        statedBudget: wireYuan(budget),
        sortOrder: duties?.length ?? 0,
      });
      await load();
      id = created.id;
    }, false);
    return id;
  };

  const removeDuty = (d: Duty) =>
    run(async () => {
      await dutyEndpoints.remove(d.id, d.version);
      clearDraft(draftKey(d.id));
      message.success(zh ? "已删除" : "Deleted");
      await load();
    });

  /** The organisation's own duties (the list also shows those of units below it), in order. */
  const own = (duties ?? []).filter((d) => d.orgId === ws.orgId);
  const moveDuty = async (d: Duty, by: -1 | 1) => {
    if (!ws.orgId) return false;
    const orgId = ws.orgId;
    const i = own.findIndex((x) => x.id === d.id);
    const order = moveItem(own, i, i + by);
    if (order === own) return false;
    return run(async () => {
      await dutyEndpoints.reorder(
        orgId,
        ws.year,
        order.map((x) => ({ id: x.id, version: x.version })),
      );
      await load();
    });
  };

  return {
    duties,
    own,
    bases: work.bases,
    drafts: work.drafts,
    error,
    busy,
    conflict,
    dirtyOf,
    edit,
    undo,
    save,
    discardConflict,
    addDuty,
    removeDuty,
    moveDuty,
  };
}
