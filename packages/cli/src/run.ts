/**
 * Entry of the `jixiao` command. Each sub-command is its own module in `commands/`, loaded only when used,
 * exporting `main(args, io): Promise<number>` (the exit code).
 */
export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ main: Command }> }> = {
  "parse-target": {
    summary: 'parse-target "<指标值>" [--json]          解析目标值 / parse a target value',
    load: () => import("./commands/parse-target.ts"),
  },
  score: {
    summary: "score <file> [--json]                     计算自评得分 / score a self-evaluation",
    load: () => import("./commands/score.ts"),
  },
  import: {
    summary: "import <file> [--kind <kind>] [--json]    读取文档 / read a legacy document",
    load: () => import("./commands/import.ts"),
  },
  review: {
    summary: "review <file> [--json] [--lang en]         审核文档 / review a document (findings, verdict)",
    load: () => import("./commands/review.ts"),
  },
  export: {
    summary: "export <file|json> --as <doc> --format xlsx|docx|pdf -o <out>  导出正式文档 / write an official document",
    load: () => import("./commands/export.ts"),
  },
  backup: {
    summary: "backup <file>                             备份数据库 / back up the database (DATA_DIR or DATABASE_URL)",
    load: () => import("./commands/backup.ts"),
  },
  restore: {
    summary: "restore <file>                            恢复数据库 / restore a backup into an empty database",
    load: () => import("./commands/restore.ts"),
  },
  audit: {
    summary: "audit verify [--anchor <seq:hash>]         校验审计哈希链 / verify the audit trail's hash chain",
    load: () => import("./commands/audit.ts"),
  },
  admin: {
    summary:
      "admin recover <username>                  恢复被锁定的管理员账户 / recover a locked-out administrator account",
    load: () => import("./commands/admin.ts"),
  },
  serve: {
    summary: "serve                                     启动服务 / serve the app (PORT, DATA_DIR, DATABASE_URL)",
    load: () => import("./commands/serve.ts"),
  },
};

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  jixiao ${c.summary}`);
  return `jixiao — 预算绩效管理 (budget performance management)\n\n用法 Usage:\n${lines.join("\n")}\n  jixiao help                               本帮助 / this help\n`;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(help());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`未知命令 unknown command: ${name}\n\n${help()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.main(args, io);
}
