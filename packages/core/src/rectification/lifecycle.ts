/** The life cycle of a rectification item: which step is allowed from which state, and when an item is overdue. */
import { DomainError } from "../errors/domain-error.ts";
import {
  RECTIFICATION_ACTION_NAMES,
  RECTIFICATION_STATE_NAMES,
  type RectificationAction,
  type RectificationState,
} from "./types.ts";

const NEXT: Record<RectificationState, Partial<Record<RectificationAction, RectificationState>>> = {
  pending: { answer: "in_progress", submit: "submitted" },
  in_progress: { answer: "in_progress", submit: "submitted" },
  returned: { answer: "in_progress", submit: "submitted" },
  submitted: { accept: "accepted", return: "returned" },
  accepted: {},
};

/** The state after `action`, or undefined when the action is not allowed from `from`. */
export function nextRectificationState(
  from: RectificationState,
  action: RectificationAction,
): RectificationState | undefined {
  return NEXT[from][action];
}

/** The steps allowed from a state. */
export function rectificationActions(from: RectificationState): RectificationAction[] {
  return Object.keys(NEXT[from]) as RectificationAction[];
}

/** The unit may still change its answer and its evidence (待整改, 整改中, 退回). */
export function isAnswerable(state: RectificationState): boolean {
  return nextRectificationState(state, "answer") !== undefined;
}

export interface StepInput {
  state: RectificationState;
  action: RectificationAction;
  /** The measures taken as the unit wrote them (a submission needs them). */
  measuresTaken?: string | null | undefined;
  /** The reviewer's comment (a return needs one). */
  comment?: string | null | undefined;
}

/**
 * The next state of a step, or the reason it is refused: not allowed from the state (conflict), a submission
 * without the measures taken, a return without a comment (invalid input).
 */
export function checkRectificationStep(input: StepInput): RectificationState {
  const to = nextRectificationState(input.state, input.action);
  if (!to) {
    const s = RECTIFICATION_STATE_NAMES[input.state];
    const a = RECTIFICATION_ACTION_NAMES[input.action];
    throw new DomainError("conflict", {
      zh: `状态为「${s.zh}」的整改事项不能「${a.zh}」`,
      en: `A rectification item that is "${s.en}" cannot be given "${a.en}"`,
    });
  }
  if (input.action === "submit" && !input.measuresTaken?.trim()) {
    throw new DomainError(
      "invalid_input",
      { zh: "提交前请填写已采取的整改措施", en: "Write the measures taken before submitting" },
      { field: "measuresTaken" },
    );
  }
  if (input.action === "return" && !input.comment?.trim()) {
    throw new DomainError(
      "invalid_input",
      { zh: "退回须说明理由", en: "A return needs a comment" },
      { field: "comment" },
    );
  }
  return to;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from `from` to `to`, both YYYY-MM-DD (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => {
    const m = DAY.exec(d);
    if (!m)
      throw new DomainError("invalid_input", { zh: `日期「${d}」应为 YYYY-MM-DD`, en: `"${d}" is not YYYY-MM-DD` });
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const back = new Date(t).toISOString().slice(0, 10);
    if (back !== d) throw new DomainError("invalid_input", { zh: `日期「${d}」不存在`, en: `"${d}" is not a date` });
    return t;
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** A valid YYYY-MM-DD date (an impossible one, such as 2025-02-30, is not). */
export function isIsoDate(d: string): boolean {
  try {
    daysBetween(d, d);
    return true;
  } catch {
    return false;
  }
}

/**
 * Overdue: the deadline has passed (today is after it) and the item is not accepted. An item submitted in time
 * and waiting for the reviewer still counts as overdue once the deadline passes: it is not done until accepted.
 */
export function isOverdue(item: { state: RectificationState; deadline: string }, today: string): boolean {
  return item.state !== "accepted" && daysBetween(item.deadline, today) > 0;
}

/** Days past the deadline (0 when not overdue). */
export function daysOverdue(item: { state: RectificationState; deadline: string }, today: string): number {
  return isOverdue(item, today) ? daysBetween(item.deadline, today) : 0;
}
