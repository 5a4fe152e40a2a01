/**
 * 整改 in the to-do count: the items of a subtree and year waiting for the actor — to answer for the unit (a writer
 * of its organisation: 待整改, 整改中, 退回, core's `isAnswerable`), to accept or return for the reviewer (已提交) —
 * and how many of them are overdue (core's `isOverdue`: past the deadline and not accepted).
 */
import { isAnswerable, isOverdue, type RectificationState, rectificationActions } from "@jixiao/core";
import type { Db } from "../db/open.ts";
import { listItems } from "./repository.ts";

const within = (paths: string[] | "all", path: string) => paths === "all" || paths.some((p) => path.startsWith(p));

export async function rectificationTodo(
  db: Db,
  q: { underPath: string; year: number; today: string; writePaths: string[] | "all"; reviewPaths: string[] | "all" },
): Promise<{ rectification: number; rectificationOverdue: number }> {
  const items = await listItems(db, { underPath: q.underPath, year: q.year });
  const waiting = items.filter((i) => {
    const state = i.state as RectificationState;
    return (
      (isAnswerable(state) && within(q.writePaths, i.orgPath)) ||
      (rectificationActions(state).includes("accept") && within(q.reviewPaths, i.orgPath))
    );
  });
  return {
    rectification: waiting.length,
    rectificationOverdue: waiting.filter((i) =>
      isOverdue({ state: i.state as RectificationState, deadline: i.deadline }, q.today),
    ).length,
  };
}
