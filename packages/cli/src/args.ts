/** A small, strict argument reader: positional arguments, boolean flags and `--name value` options. */
export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], spec: { flags?: string[]; options?: string[] }): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (spec.flags?.includes(name)) {
        flags.add(name);
      } else if (spec.options?.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`选项 --${name} 需要一个值 / option --${name} needs a value`);
        options.set(name, value);
      } else {
        throw new UsageError(`未知选项 --${name} / unknown option --${name}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, flags, options };
}
