/** Entry of the `jixiao` command: dispatches to one module per sub-command. */
export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const HELP = `jixiao — 预算绩效管理 (budget performance management)

用法 Usage:
  jixiao parse-target "<指标值>" [--json]     解析目标值 / parse a target value
  jixiao score <file> [--json]               计算自评得分 / score a self-evaluation
  jixiao help                                本帮助 / this help
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(HELP);
      return 0;
    default:
      io.stderr.write(`未知命令 unknown command: ${command}\n\n${HELP}`);
      void rest;
      return 2;
  }
}
