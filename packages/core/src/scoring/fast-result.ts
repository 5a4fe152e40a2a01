/**
 * The fast path's presented indicator (decision 0008): its `comparison` note is written when it is read, from the
 * parsed target and actual kept on the object, when the comparison was one `compareQuietInto` answers (a plain
 * number against a number target or a range, a deadline, a count per period, words against words: most
 * indicators) and the note is compareActual's as it was; any other note is kept as written. Writing that note for every scored
 * indicator was the largest cost left of scoring from stored targets (docs/performance.md, Round 6), and most
 * results are summed, stored or counted without it being read.
 *
 * Every other field is a plain own property. `comparison` is a getter on the prototype and `toJSON()` gives the
 * keys of the exact path's plain record in the same order, so `JSON.stringify` (what the server stores and the CLI
 * prints) is byte for byte what a plain record gives. A spread, `Object.keys`, `structuredClone` or `postMessage`
 * of the object does not carry `comparison`: copy the fields by name or go through JSON.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import { comparisonNote } from "../targets/compare.ts";
import type { TargetValue } from "../targets/types.ts";
import type { Basis } from "./indicator.ts";
import type { Level1 } from "./scheme.ts";
import type { IndicatorResult } from "./score.ts";

export class FastIndicatorResult implements IndicatorResult {
  readonly index: number;
  readonly level1: string;
  readonly group: Level1 | null;
  readonly level2: string | undefined;
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly points: number;
  readonly inputPoints: number;
  readonly pointsNote: LocalizedText | undefined;
  readonly score: number | undefined;
  readonly statedScore: number | undefined;
  readonly difference: number | undefined;
  readonly basis: Basis;
  readonly met: boolean | undefined;
  readonly formula: LocalizedText;
  /** The note as written, or undefined when it is written from the two values below. */
  readonly #note: string | undefined;
  readonly #targetValue: TargetValue | undefined;
  readonly #actualValue: TargetValue | undefined;

  constructor(
    index: number,
    level1: string,
    group: Level1 | null,
    level2: string | undefined,
    name: string,
    target: TargetValue,
    actual: TargetValue,
    points: number,
    inputPoints: number,
    pointsNote: LocalizedText | undefined,
    score: number | undefined,
    statedScore: number | undefined,
    difference: number | undefined,
    basis: Basis,
    met: boolean | undefined,
    /** The note, or undefined: `comparisonNote(target, actual)` when read. */
    note: string | undefined,
    formula: LocalizedText,
  ) {
    this.index = index;
    this.level1 = level1;
    this.group = group;
    this.level2 = level2;
    this.name = name;
    this.target = target.text;
    this.actual = actual.text;
    this.points = points;
    this.inputPoints = inputPoints;
    this.pointsNote = pointsNote;
    this.score = score;
    this.statedScore = statedScore;
    this.difference = difference;
    this.basis = basis;
    this.met = met;
    this.formula = formula;
    this.#note = note;
    this.#targetValue = note === undefined ? target : undefined;
    this.#actualValue = note === undefined ? actual : undefined;
  }

  /** `实际 96 人 > 目标 ≥95 人，已达成；完成比例 101.05%`, written each time it is read when not kept. */
  get comparison(): string {
    return this.#note ?? comparisonNote(this.#targetValue!, this.#actualValue!);
  }

  /** The exact path's record: the same keys in the same order (`pointsNote` only when the points were scaled). */
  toJSON(): IndicatorResult {
    const out: IndicatorResult = {
      index: this.index,
      level1: this.level1,
      group: this.group,
      level2: this.level2,
      name: this.name,
      target: this.target,
      actual: this.actual,
      points: this.points,
      inputPoints: this.inputPoints,
    } as IndicatorResult;
    if (this.pointsNote !== undefined) out.pointsNote = this.pointsNote;
    out.score = this.score;
    out.statedScore = this.statedScore;
    out.difference = this.difference;
    out.basis = this.basis;
    out.met = this.met;
    out.comparison = this.comparison;
    out.formula = this.formula;
    return out;
  }
}
