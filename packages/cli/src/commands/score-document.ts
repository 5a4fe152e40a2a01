/** Turns a self-evaluation document (Word/Excel/PDF text) into the JSON input of `jixiao score`. */
export type LoadedEvaluation = { ok: true; evaluation: unknown } | { ok: false; message: string };

export async function loadEvaluationFromDocument(_bytes: Buffer, file: string): Promise<LoadedEvaluation> {
  return {
    ok: false,
    message: `文件 ${file}：目前只支持 JSON 格式的自评数据（见 docs/score-input.md）/ file ${file}: only JSON input is supported so far (see docs/score-input.md)`,
  };
}
