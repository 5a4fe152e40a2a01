/**
 * The leave-page guard of a page with unsaved edits: a navigation inside the app (a sidebar link, the browser's
 * Back, a link on the page) asks first whether to leave and lose the edits (the router's blocker); closing or
 * reloading the tab is held by the browser's own "leave site?" prompt (beforeunload).
 *
 * Editors mark their unsaved edits with `useLeaveGuard(dirty)`; the one `<LeaveGuard />` in the layout holds the
 * navigation for all of them (a page can hold several editors, and a router has one blocker at a time).
 */
import { App } from "antd";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useBlocker } from "react-router-dom";
import { useI18n } from "../i18n.tsx";

const dirtyEditors = new Set<symbol>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};
const anyDirty = () => dirtyEditors.size > 0;

/**
 * Runs `go` (a change that reloads the page's records: another organisation or year in the header) at once, or
 * after the same question as a navigation when there are unsaved edits.
 */
export function useGuardedChange(): (go: () => void) => void {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { modal } = App.useApp();
  return (go) => {
    if (!anyDirty()) return go();
    modal.confirm({
      title: zh ? "有未保存的修改" : "Unsaved changes",
      content: zh
        ? "切换单位或年度将丢失尚未保存的修改。确定切换吗？"
        : "Switching the organisation or year loses the changes that are not saved. Switch anyway?",
      okText: zh ? "切换，不保存" : "Switch without saving",
      cancelText: zh ? "取消" : "Cancel",
      okButtonProps: { danger: true, id: "leave-confirm" },
      cancelButtonProps: { id: "leave-cancel" },
      onOk: go,
    });
  };
}

/** Marks the calling editor's unsaved edits (while `dirty`): leaving the page then asks first. */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const me = Symbol("editor");
    dirtyEditors.add(me);
    notify();
    return () => {
      dirtyEditors.delete(me);
      notify();
    };
  }, [dirty]);
}

/** The one guard of the application (rendered by the layout, inside the router). */
export function LeaveGuard(): null {
  const dirty = useSyncExternalStore(subscribe, anyDirty);
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { modal } = App.useApp();
  // Only a move to another page is held: a query change on the same page (a filter, a tab) keeps the edits.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  const asking = useRef(false);

  useEffect(() => {
    if (blocker.state !== "blocked" || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: zh ? "有未保存的修改" : "Unsaved changes",
      content: zh
        ? "离开本页将丢失尚未保存的修改。确定离开吗？"
        : "Leaving this page loses the changes that are not saved. Leave anyway?",
      okText: zh ? "离开，不保存" : "Leave without saving",
      cancelText: zh ? "留在本页" : "Stay on the page",
      okButtonProps: { danger: true, id: "leave-confirm" },
      cancelButtonProps: { id: "leave-cancel" },
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, zh]);

  useEffect(() => {
    if (!dirty) return;
    const hold = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when a value is returned.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", hold);
    return () => window.removeEventListener("beforeunload", hold);
  }, [dirty]);
  return null;
}
