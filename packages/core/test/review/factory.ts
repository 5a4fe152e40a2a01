/**
 * Small normalised documents for the review rules' tests: `buildX(overrides)` in the manner of Outline's factories.
 * Amounts are built through core's parseAmount, targets through parseTarget, so the shapes are the importer's.
 */
import type {
  Amount,
  DepartmentSelfEvaluation,
  Disclosure,
  Duty,
  DutyGoalTable,
  FundLine,
  ImportedDocument,
  Indicator,
  Project,
  ProjectSelfEvaluation,
} from "../../src/model/document.ts";
import { parseAmount } from "../../src/money/money.ts";
import { parseTarget } from "../../src/targets/parse.ts";

export const FILE = "test.txt";

let row = 0;
const at = (extra: Record<string, unknown> = {}) => ({ file: FILE, table: 1, row: ++row, column: 2, ...extra });

/** An amount as the importer writes it: `amount("8.92", "万元")`. */
export function amount(text: string, unit: "元" | "万元" = "万元"): Amount {
  const fen = parseAmount(text, { unit });
  if (fen === undefined) return { text, unit };
  const yuan = `${fen / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, "0")}`;
  return { text, unit, fen: fen.toString(), yuan };
}

/** An indicator: `ind("培训人数", "≥100人", { level1: "产出指标" })`. */
export function ind(name: string, targetText: string | undefined, over: Partial<Indicator> = {}): Indicator {
  const out: Indicator = { name, location: at({ column: 3 }), ...over };
  if (targetText !== undefined && !("target" in over)) {
    out.target = { text: targetText, parsed: parseTarget(targetText, over.unit ? { unit: over.unit } : {}) as never };
  }
  if (over.actual && !over.actual.parsed && over.actual.text !== "") {
    out.actual = {
      text: over.actual.text,
      parsed: parseTarget(over.actual.text, over.unit ? { unit: over.unit } : {}) as never,
    };
  }
  return out;
}

/** An indicator set with the three national groups, one each. */
export function threeGroups(): Indicator[] {
  return [
    ind("培训人数", "≥100人", { level1: "产出指标", level2: "数量指标" }),
    ind("队伍专业化水平", "明显提高", { level1: "效益指标", level2: "社会效益指标" }),
    ind("学员满意度", "≥90%", { level1: "满意度指标", level2: "服务对象满意度指标" }),
  ];
}

export function buildProject(over: Partial<Project> = {}): Project {
  return {
    name: "教育训练",
    budget: amount("50.00"),
    funding: { fiscal: amount("50.00") },
    goal: "组织全体民警开展培训。",
    indicators: threeGroups(),
    location: at(),
    ...over,
  };
}

export function buildDuty(over: Partial<Duty> = {}): Duty {
  return { name: "道路交通管理", text: "道路交通管理", indicators: [], activities: [], location: at(), ...over };
}

export function buildDutyTable(over: Partial<DutyGoalTable> = {}): DutyGoalTable {
  return {
    organisation: { code: "451", name: "交警大队", text: "451交警大队" },
    duties: [
      buildDuty({
        activities: [{ name: "秩序管理", text: "　　秩序管理", indicators: [ind("通行率", "≥90%")], location: at() }],
      }),
    ],
    location: { file: FILE, table: 1 },
    ...over,
  };
}

/** Four tiers as the importer keeps them (text only; the rules read them again with core's parseTiers). */
export function tiers(excellent: string, good: string, fair: string, poor: string): Indicator["tiers"] {
  return { excellent: { text: excellent }, good: { text: good }, fair: { text: fair }, poor: { text: poor } };
}

export function fundLine(over: Partial<FundLine> = {}): FundLine {
  return { label: "年度资金总额", location: at(), ...over };
}

export function buildProjectSelfEvaluation(over: Partial<ProjectSelfEvaluation> = {}): ProjectSelfEvaluation {
  return {
    name: "教育训练",
    department: "交警总队",
    funds: [
      fundLine({
        budget: amount("100"),
        executed: amount("95"),
        weight: { text: "10", value: "10" },
        rate: { text: "95%", percent: "95" },
        score: { text: "9.5", value: "9.5" },
      }),
    ],
    indicators: [
      ind("培训人数", "≥100人", {
        level1: "产出指标",
        weight: { text: "50", value: "50" },
        actual: { text: "100人" },
        score: { text: "50", value: "50" },
      }),
      ind("队伍专业化水平", "≥90%", {
        level1: "效益指标",
        weight: { text: "30", value: "30" },
        actual: { text: "95%" },
        score: { text: "30", value: "30" },
      }),
      ind("学员满意度", "≥90%", {
        level1: "满意度指标",
        weight: { text: "10", value: "10" },
        actual: { text: "92%" },
        score: { text: "10", value: "10" },
      }),
    ],
    totalScore: { text: "99.5", value: "99.5" },
    location: at(),
    ...over,
  };
}

export function buildDepartmentSelfEvaluation(over: Partial<DepartmentSelfEvaluation> = {}): DepartmentSelfEvaluation {
  return {
    organisation: "青山区交通大队",
    sections: [],
    indicators: threeGroups(),
    projects: [],
    location: at(),
    ...over,
  };
}

export function buildDisclosure(over: Partial<Disclosure> = {}): Disclosure {
  return {
    duties: [],
    units: [],
    procurementStated: [],
    procurement: [],
    assetsStated: [],
    assets: [],
    sections: [],
    ...over,
  };
}

export function buildDocument(over: Partial<ImportedDocument> = {}): ImportedDocument {
  return {
    file: FILE,
    format: "test",
    kinds: [],
    organisations: [],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: [],
    paragraphs: [],
    unmapped: [],
    ...over,
  };
}
