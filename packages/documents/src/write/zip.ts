/**
 * A small zip writer for batch exports, on fflate: entries with Chinese names are written with the UTF-8 flag
 * (general purpose bit 11, set by fflate for every name that is not plain ASCII) so that Windows Explorer, macOS
 * and `unzip` show them correctly. Paths are made safe (no absolute paths, no `..`, no backslashes, no
 * characters file systems refuse) and unique; files that are already compressed (xlsx, docx, PDF) are stored,
 * text is deflated. One timestamp for every entry, so that the same files give the same zip.
 */
import { DomainError } from "@jixiao/core";
import { type Zippable, zipSync } from "fflate";

export interface ZipInput {
  /** The path inside the zip, folders separated by `/` (e.g. `赵县公安局交警大队/项目绩效目标表.xlsx`). */
  path: string;
  data: Uint8Array | string;
}

export interface ZipOptions {
  /** The entries' modification time (default: 2000-01-01, so that the zip depends on its contents only). */
  mtime?: Date;
}

/** The zip format without zip64 holds at most 65,535 entries and 4 GiB. */
const MAX_ENTRIES = 65_535;
const MAX_BYTES = 0xffff_ffff;
const STORED = /\.(xlsx|docx|pdf|zip|png|jpe?g)$/i;

/** One path segment safe on every file system: refused characters replaced by `_`, no leading/trailing dots. */
function safeSegment(s: string): string {
  const cleaned = s
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  return [...cleaned].slice(0, 120).join("") || "_";
}

/** The entry path as written: segments made safe, `..` and empty segments dropped. */
export function zipPath(path: string): string {
  const segments = path
    .split("/")
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map(safeSegment);
  return segments.join("/") || "_";
}

/** `name.ext` → `name (2).ext` until unused. */
function unique(path: string, used: Set<string>): string {
  if (!used.has(path.toLowerCase())) return path;
  const dot = path.lastIndexOf(".");
  const slash = path.lastIndexOf("/");
  const [stem, ext] = dot > slash + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, ""];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The paths as `writeZip` writes them: each made safe (`zipPath`), then unique (`name (2).ext`), in order. */
export function zipPaths(paths: string[]): string[] {
  const used = new Set<string>();
  return paths.map((p) => {
    const path = unique(zipPath(p), used);
    used.add(path.toLowerCase());
    return path;
  });
}

/**
 * Write a zip of the entries in order. Returns the bytes and the paths as written (made safe and unique, in the
 * same order as the input).
 */
export function writeZip(entries: ZipInput[], opts: ZipOptions = {}): { data: Uint8Array; paths: string[] } {
  if (entries.length > MAX_ENTRIES) {
    throw new DomainError("invalid_input", {
      zh: `压缩包最多容纳 ${MAX_ENTRIES} 个文件，本次有 ${entries.length} 个，请缩小导出范围`,
      en: `A zip holds at most ${MAX_ENTRIES} files, this one would hold ${entries.length}: export a smaller range`,
    });
  }
  const mtime = opts.mtime ?? new Date(2000, 0, 1);
  const paths = zipPaths(entries.map((e) => e.path));
  const tree: Zippable = {};
  let total = 0;
  const encoder = new TextEncoder();
  entries.forEach((e, i) => {
    const path = paths[i]!;
    const data = typeof e.data === "string" ? encoder.encode(e.data) : e.data;
    total += data.length;
    // A flat object keyed by the full path: fflate writes the key as the entry name (bit 11 when not ASCII).
    tree[path] = [data, { level: STORED.test(path) ? 0 : 6, mtime }];
  });
  if (total > MAX_BYTES) {
    throw new DomainError("invalid_input", {
      zh: "导出的文件合计超过 4 GB，无法打包为一个压缩包，请缩小导出范围",
      en: "The exported files exceed 4 GB in total and cannot go into one zip: export a smaller range",
    });
  }
  return { data: zipSync(tree), paths };
}
