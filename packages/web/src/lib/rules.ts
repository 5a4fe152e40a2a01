/**
 * The business rules the web app uses, all from packages/core (never rewritten here).
 * While core's index does not yet export its money module, it is reached by path; switch these lines to
 * `from "@jixiao/core"` once it does.
 */

export { DomainError, decimal, formatLocation } from "@jixiao/core";
export { executionRate, type Light, monitoringLight } from "../../../core/src/money/budget.ts";
export { type Fen, formatWanYuan, formatYuan, parseYuan } from "../../../core/src/money/money.ts";
