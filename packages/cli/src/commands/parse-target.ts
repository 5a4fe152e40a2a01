/** `jixiao parse-target "<text>" [--json]`: a target value as Jixiao understands it. */
import { parseTarget, renderTarget, type TargetValue } from "@jixiao/core";
import { parseArgs, UsageError } from "../args.ts";
import type { Io } from "../run.ts";

const KIND_ZH: Record<TargetValue["kind"], string> = {
  numeric: "数值",
  range: "区间",
  deadline: "时限",
  frequency: "频次",
  qualitative: "定性",
};

export async function main(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args, { flags: ["json"], options: ["unit", "op"] });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (parsed.positional.length !== 1) {
    io.stderr.write('用法 usage: jixiao parse-target "<指标值>" [--json]\n');
    return 2;
  }
  const text = parsed.positional[0]!;
  const unit = parsed.options.get("unit");
  const value = parseTarget(text, unit ? { unit } : undefined);
  const rendered = renderTarget(value);
  if (parsed.flags.has("json")) {
    io.stdout.write(`${JSON.stringify({ ...value, rendered }, null, 2)}\n`);
    return 0;
  }
  const lines: [string, string | number | boolean | undefined][] = [
    ["原文 text", value.text],
    ["类型 kind", `${value.kind} (${KIND_ZH[value.kind]})`],
    ["运算符 op", value.op],
    ["数值 value", value.value],
    ["下限 min", value.min],
    ["上限 max", value.max],
    ["单位 unit", value.unit],
    ["日期 date", value.date],
    ["周期 period", value.period],
    ["定性 quality", value.quality],
    ["说明 note", value.note],
    ["标准写法 rendered", rendered],
  ];
  for (const [label, v] of lines) if (v !== undefined) io.stdout.write(`${label}: ${v}\n`);
  return 0;
}
