/**
 * A safe zip opener for OOXML packages (docx, xlsx), on fflate's streaming inflater.
 *
 * Limits are checked twice: before inflating, from the sizes the central directory declares, and while
 * inflating, on the bytes actually produced (declared sizes are not trusted). Entries are inflated only
 * when asked for. A damaged or truncated archive, or a file that is not a zip at all, gets a clear error
 * that says what the file looks like.
 */
import type { Location } from "@jixiao/core";
import { Inflate, inflateSync } from "fflate";
import { invalid } from "./errors.ts";
import { describeSniffed } from "./sniff.ts";

/** Entries up to this size are inflated in one call (`inflateWhole`), then handed on in pieces of WHOLE_PIECE. */
const WHOLE_MAX = 16 * 1024 * 1024;
const WHOLE_PIECE = 1024 * 1024;

export interface ZipLimits {
  /** Largest accepted file (the compressed archive), bytes. Default 50 MB. */
  maxFileBytes: number;
  /** Most entries in the central directory. Default 10,000. */
  maxEntries: number;
  /** Largest total of uncompressed sizes, bytes. Default 500 MB. */
  maxTotalBytes: number;
  /** Largest expansion of one entry, uncompressed / compressed. Default 100. */
  maxRatio: number;
  /** Entries smaller than this are exempt from the ratio rule (tiny XML parts compress very well). 1 MB. */
  ratioExemptBytes: number;
  /** Largest part read as text (one XML part held as a string). Default 256 MB. */
  maxTextPartBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 10_000,
  maxTotalBytes: 500 * 1024 * 1024,
  maxRatio: 100,
  ratioExemptBytes: 1024 * 1024,
  maxTextPartBytes: 256 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: ReadonlyMap<string, ZipEntry>;
  has(name: string): boolean;
  /** The entry's bytes, inflated under the limits; undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined;
  /** The entry as UTF-8 (or UTF-16 with a BOM) text. */
  readText(name: string): string | undefined;
  /** The entry's text in pieces, as it is inflated; false when there is no such entry. */
  streamText(name: string, sink: (text: string) => void): boolean;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOC = 0x07064b50;
const SIG_CEN = 0x02014b50;
const SIG_LOC = 0x04034b50;

let crcTable: Uint32Array | undefined;
function crc32(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  const t = crcTable;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function mb(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
}

export function openZip(buf: Uint8Array, file: string, limits: Partial<ZipLimits> = {}): ZipArchive {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const loc: Location = { file };
  const damaged = (zhWhy: string, enWhy: string) =>
    invalid(
      `文件已损坏或不完整（${zhWhy}），请重新保存或重新下载后再上传`,
      `the file is damaged or truncated (${enWhy}); save or download it again and retry`,
      loc,
    );

  if (buf.length > lim.maxFileBytes)
    throw invalid(
      `文件过大（${mb(buf.length)}），上限为 ${mb(lim.maxFileBytes)}`,
      `the file is too large (${mb(buf.length)}); the limit is ${mb(lim.maxFileBytes)}`,
      loc,
    );
  const isZipStart = buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5);
  if (!isZipStart) {
    const what = describeSniffed(buf);
    throw invalid(
      `不是 .docx/.xlsx 文件：内容看起来是${what.zh}`,
      `not a .docx/.xlsx file: the content looks like ${what.en}`,
      loc,
    );
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => {
    const v = view.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged("大小字段异常", "impossible size field");
    return Number(v);
  };

  // End of central directory: the last 22 bytes plus at most a 65,535-byte comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (u32(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged("找不到 zip 目录", "no zip central directory found");
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const locAt = eocd - 20;
    if (locAt < 0 || u32(locAt) !== SIG_EOCD64_LOC) throw damaged("zip64 目录缺失", "zip64 directory missing");
    const e64 = u64(locAt + 8);
    if (e64 + 56 > buf.length || u32(e64) !== SIG_EOCD64) throw damaged("zip64 目录损坏", "zip64 directory damaged");
    count = u64(e64 + 32);
    cdSize = u64(e64 + 40);
    cdOffset = u64(e64 + 48);
  }
  if (count > lim.maxEntries)
    throw invalid(
      `压缩包内文件过多（${count} 个），上限为 ${lim.maxEntries} 个`,
      `too many entries in the archive (${count}); the limit is ${lim.maxEntries}`,
      loc,
    );
  if (cdOffset + cdSize > buf.length) throw damaged("文件被截断", "the file is cut short");

  const entries = new Map<string, ZipEntry>();
  const nameDecoder = new TextDecoder("utf-8");
  const legacyDecoder = new TextDecoder("gb18030");
  let p = cdOffset;
  let declaredTotal = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || u32(p) !== SIG_CEN) throw damaged("zip 目录损坏", "central directory damaged");
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    let compressedSize = u32(p + 20);
    let size = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    let localOffset = u32(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > buf.length)
      throw damaged("zip 目录损坏", "central directory damaged");
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? nameDecoder : legacyDecoder).decode(nameBytes).replace(/\\/g, "/");
    // zip64 extended information: the fields that overflowed, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = u16(e);
        const len = u16(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = u64(q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(q);
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(q);
          break;
        }
        e += 4 + len;
      }
    }
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    declaredTotal += size;
    if (declaredTotal > lim.maxTotalBytes) throw tooBig(declaredTotal);
    checkRatio(name, size, compressedSize);
    entries.set(name, { name, method, flags, compressedSize, size, crc, localOffset });
  }

  function tooBig(total: number) {
    return invalid(
      `解压后内容过大（超过 ${mb(lim.maxTotalBytes)}），疑似压缩炸弹，已拒绝`,
      `the uncompressed content is too large (over ${mb(lim.maxTotalBytes)}; ${mb(total)} so far), possibly a zip bomb; refused`,
      loc,
    );
  }
  function checkRatio(name: string, size: number, compressed: number) {
    if (size > lim.ratioExemptBytes && size > Math.max(compressed, 1) * lim.maxRatio)
      throw invalid(
        `压缩包内「${name}」的压缩比异常（超过 ${lim.maxRatio} 倍），疑似压缩炸弹，已拒绝`,
        `entry "${name}" expands more than ${lim.maxRatio}× its compressed size, possibly a zip bomb; refused`,
        { ...loc, path: name },
      );
  }

  let inflatedTotal = 0;

  /**
   * Inflate an entry under the limits, handing each piece to `sink` as it comes (nothing is held whole).
   * Size and checksum are verified at the end. Returns false when there is no such entry.
   */
  function stream(name: string, sink: (chunk: Uint8Array) => void): boolean {
    const e = entries.get(name);
    if (!e) return false;
    if (e.flags & 1)
      throw invalid(
        "文件设有密码（已加密），请取消密码后再上传",
        "the file is encrypted; remove the password and retry",
        loc,
      );
    const lo = e.localOffset;
    if (lo + 30 > buf.length || u32(lo) !== SIG_LOC) throw damaged(`「${name}」的位置错误`, `"${name}" is misplaced`);
    const start = lo + 30 + u16(lo + 26) + u16(lo + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw damaged("文件被截断", "the file is cut short");
    const data = buf.subarray(start, end);
    let crc = 0;
    let produced: number;
    const deliver = (chunk: Uint8Array) => {
      crc = crc32(chunk, crc);
      sink(chunk);
    };
    if (e.method === 0) {
      produced = data.length;
      if (inflatedTotal + produced > lim.maxTotalBytes) throw tooBig(inflatedTotal + produced);
      inflatedTotal += produced;
      if (produced !== e.size) throw damaged(`「${name}」的大小不符`, `"${name}" has the wrong size`);
      deliver(data);
    } else if (e.method === 8) {
      const whole = inflateWhole(data, e.size, e.crc);
      if (whole) {
        produced = whole.length;
        inflatedTotal += produced;
        crc = e.crc;
        for (let i = 0; i < whole.length; i += WHOLE_PIECE) sink(whole.subarray(i, i + WHOLE_PIECE));
      } else produced = inflateInto(name, data, e.size, deliver);
    } else {
      throw invalid(
        `「${name}」使用了不支持的压缩方式（${e.method}）`,
        `"${name}" uses an unsupported compression method (${e.method})`,
        loc,
      );
    }
    if (produced !== e.size) throw damaged(`「${name}」的大小不符`, `"${name}" has the wrong size`);
    if (crc !== e.crc) throw damaged(`「${name}」的校验和不符`, `"${name}" fails its checksum`);
    return true;
  }

  function read(name: string): Uint8Array | undefined {
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (
      !stream(name, (c) => {
        chunks.push(c);
        size += c.length;
      })
    )
      return undefined;
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(size);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /**
   * An entry of at most WHOLE_MAX bytes inflated in one call into a buffer of its declared size, when that is
   * within the limits (issue 14: the step-by-step inflation below spends most of its time copying its window). Only
   * an entry that comes out exactly as declared — the declared size, the declared checksum — is taken; anything else
   * (a lying size, damage) goes through `inflateInto`, which says what is wrong.
   */
  function inflateWhole(data: Uint8Array, declared: number, expectedCrc: number): Uint8Array | undefined {
    if (declared === 0 || declared > WHOLE_MAX) return undefined;
    const ratioCap = Math.max(lim.ratioExemptBytes, data.length * lim.maxRatio);
    if (declared > ratioCap || inflatedTotal + declared > lim.maxTotalBytes) return undefined;
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(declared) });
    } catch {
      return undefined;
    }
    if (out.length !== declared || crc32(out, 0) !== expectedCrc) return undefined;
    return out;
  }

  function inflateInto(name: string, data: Uint8Array, declared: number, sink: (c: Uint8Array) => void): number {
    // What this entry may produce: its declared size (a liar is caught here), within the ratio and total limits.
    const ratioCap = Math.max(lim.ratioExemptBytes, data.length * lim.maxRatio);
    const cap = Math.min(declared, ratioCap, lim.maxTotalBytes - inflatedTotal);
    let produced = 0;
    let over = false;
    let ended = false;
    let sinkError: unknown;
    const inf = new Inflate((chunk, final) => {
      if (sinkError !== undefined || over) return;
      produced += chunk.length;
      if (produced > cap) {
        over = true;
        return;
      }
      try {
        sink(chunk);
      } catch (err) {
        sinkError = err;
      }
      if (final) ended = true;
    });
    const STEP = 1024; // deflate expands at most ~1032×: at most ~1 MB beyond the cap before we stop
    try {
      for (let i = 0; i < data.length && !over && sinkError === undefined; i += STEP) {
        const last = i + STEP >= data.length;
        inf.push(data.subarray(i, Math.min(data.length, i + STEP)), last);
      }
      if (data.length === 0) inf.push(new Uint8Array(0), true);
    } catch {
      throw damaged(`「${name}」无法解压`, `"${name}" cannot be decompressed`);
    }
    if (sinkError !== undefined) throw sinkError;
    if (over) {
      if (produced > ratioCap) checkRatio(name, produced, data.length);
      if (inflatedTotal + produced > lim.maxTotalBytes) throw tooBig(inflatedTotal + produced);
      throw invalid(
        `压缩包内「${name}」解压后的大小超过其声明的大小，文件已损坏或是压缩炸弹，已拒绝`,
        `entry "${name}" inflates to more than its declared size: the file is damaged or a zip bomb; refused`,
        { ...loc, path: name },
      );
    }
    if (!ended) throw damaged(`「${name}」的数据不完整`, `"${name}" is incomplete`);
    inflatedTotal += produced;
    return produced;
  }

  return {
    entries,
    has: (name) => entries.has(name),
    read,
    readText(name) {
      const e = entries.get(name);
      if (e && e.size > lim.maxTextPartBytes)
        throw invalid(
          `压缩包内「${name}」过大（${mb(e.size)}），上限为 ${mb(lim.maxTextPartBytes)}`,
          `entry "${name}" is too large (${mb(e.size)}); the limit is ${mb(lim.maxTextPartBytes)}`,
          { ...loc, path: name },
        );
      const bytes = read(name);
      if (!bytes) return undefined;
      return decodeXmlBytes(bytes);
    },
    streamText(name, sink) {
      let decoder: InstanceType<typeof TextDecoder> | undefined;
      const found = stream(name, (chunk) => {
        decoder ??= new TextDecoder(xmlEncodingOf(chunk), { ignoreBOM: false });
        const t = decoder.decode(chunk, { stream: true });
        if (t) sink(t);
      });
      if (found && decoder) {
        const rest = decoder.decode();
        if (rest) sink(rest);
      }
      return found;
    },
  };
}

/**
 * XML parts are UTF-8 unless they start with a UTF-16 byte-order mark; a few Chinese generators declare
 * GBK / GB2312 / GB18030 in the XML declaration, which is honoured.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  return new TextDecoder(xmlEncodingOf(bytes)).decode(bytes);
}

/** The encoding of an XML part from its first bytes (BOM, or the declaration for the GBK family). */
function xmlEncodingOf(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0x3c && bytes[1] === 0x3f) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 100));
    const m = /^<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head);
    if (m && /^(gbk|gb2312|gb18030|cp936)$/i.test(m[1]!)) return "gb18030";
  }
  return "utf-8";
}
