/**
 * Writes the hostile fixtures (fixtures/hostile/) and the generated forms (fixtures/generated/).
 * Run: node_modules/.bin/tsx packages/documents/test/read/make-fixtures.ts
 * The outputs are committed; hostile.test.ts checks each one gets its clear error or reads.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Deflate, strToU8, zipSync } from "fflate";
import { buildDocx, buildXlsx, docxTable, PROJECT_GOAL_SPEC, para, SELF_EVAL_SPEC } from "./build.ts";

/** Zip entries get this time so that regenerated fixtures are byte-identical. */
const FIXED_TIME = new Date("2024-01-01T00:00:00Z");

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const hostile = join(root, "fixtures/hostile");
const generated = join(root, "fixtures/generated");

/** A stored zip entry whose data is given already deflated (to write bombs without holding them inflated). */
interface RawEntry {
  name: string;
  deflated: Uint8Array;
  crc: number;
  size: number;
  /** Size written in the headers (a liar when it differs from `size`). */
  declaredSize?: number;
}

/** A minimal zip writer for raw deflated entries. */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const size = e.declaredSize ?? e.size;
    const loc = new Uint8Array(30 + name.length);
    const lv = new DataView(loc.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.deflated.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    loc.set(name, 30);
    const cen = new Uint8Array(46 + name.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.deflated.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cen.set(name, 46);
    parts.push(loc, e.deflated);
    central.push(cen);
    offset += loc.length + e.deflated.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of all) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * `total` bytes of one repeated byte as a raw deflate stream, built by hand without holding the bytes: one fixed
 * Huffman block of a literal followed by length-258 matches at distance 1 (13 bits per 258 bytes, ≈ 159:1).
 * Fast to build; the committed fixtures use `deflateSmallest` (fflate level 9, ≈ 1000:1) to stay small.
 */
export function deflateRepeated(total: number, byte = 0x20): { deflated: Uint8Array; crc: number } {
  const out = new Uint8Array(Math.ceil((total / 258) * 13) / 8 + 1024);
  let pos = 0;
  let acc = 0;
  let nbits = 0;
  const put = (value: number, n: number) => {
    // LSB-first into the stream.
    for (let k = 0; k < n; k++) {
      acc |= ((value >> k) & 1) << nbits;
      nbits++;
      if (nbits === 8) {
        out[pos++] = acc;
        acc = 0;
        nbits = 0;
      }
    }
  };
  const huff = (code: number, n: number) => {
    // Huffman codes go most significant bit first.
    for (let k = n - 1; k >= 0; k--) put((code >> k) & 1, 1);
  };
  const literal = (b: number) => (b < 144 ? huff(0x30 + b, 8) : huff(0x190 + b - 144, 9));
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE = 01, fixed Huffman
  let left = total;
  if (left > 0) {
    literal(byte);
    left--;
  }
  while (left >= 258) {
    huff(0b11000101, 8); // length code 285 = 258
    huff(0, 5); // distance code 0 = 1
    left -= 258;
  }
  while (left-- > 0) literal(byte);
  huff(0, 7); // end of block
  if (nbits > 0) out[pos++] = acc;
  // CRC of the repeated bytes, a megabyte at a time.
  const block = new Uint8Array(Math.min(total, 1024 * 1024)).fill(byte);
  let crc = 0;
  for (let rest = total; rest > 0; rest -= block.length)
    crc = crc32(block.subarray(0, Math.min(rest, block.length)), crc);
  return { deflated: out.slice(0, pos), crc };
}

/** The same bytes through fflate at level 9: about six times smaller, slower to build. */
export function deflateSmallest(total: number, byte = 0x20): { deflated: Uint8Array; crc: number } {
  const chunks: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => chunks.push(c));
  const block = new Uint8Array(Math.min(total, 1024 * 1024)).fill(byte);
  let crc = 0;
  for (let left = total; left > 0; ) {
    const n = Math.min(left, block.length);
    left -= n;
    crc = crc32(block.subarray(0, n), crc);
    d.push(block.subarray(0, n), left === 0);
  }
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { deflated: out, crc };
}

const CT_XLSX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const CT_DOCX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const WB = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A minimal xlsx with the given sheet XML (and optional extra parts). */
export function minimalXlsx(sheetXml: string, extra: Record<string, string> = {}): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CT_XLSX),
      "xl/workbook.xml": strToU8(extra["xl/workbook.xml"] ?? WB),
      "xl/_rels/workbook.xml.rels": strToU8(extra["xl/_rels/workbook.xml.rels"] ?? WB_RELS),
      "xl/worksheets/sheet1.xml": strToU8(sheetXml),
      ...Object.fromEntries(
        Object.entries(extra)
          .filter(([k]) => k !== "xl/workbook.xml" && k !== "xl/_rels/workbook.xml.rels")
          .map(([k, v]) => [k, strToU8(v)]),
      ),
    },
    { mtime: FIXED_TIME },
  );
}

export const W_NS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;

/** A minimal docx whose body is the given XML. */
export function minimalDocx(bodyXml: string, prolog = ""): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CT_DOCX),
      "word/document.xml": strToU8(
        `<?xml version="1.0" encoding="UTF-8"?>${prolog}<w:document ${W_NS}><w:body>${bodyXml}</w:body></w:document>`,
      ),
    },
    { mtime: FIXED_TIME },
  );
}

export const BILLION_LAUGHS = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`;

/** An OLE compound file header followed by a directory naming the given stream (UTF-16LE), padded to 1.5 KB. */
export function oleFile(stream: string): Uint8Array {
  const out = new Uint8Array(1536);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  out.set(Buffer.from(stream, "utf16le"), 1024);
  return out;
}

export const GBK_TEXT =
  "项目名称\t2024年度教育训练\n预算数\t50.00\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t组织培训人数\t≥100人\n";

async function main(): Promise<void> {
  mkdirSync(hostile, { recursive: true });
  mkdirSync(generated, { recursive: true });
  const w = (dir: string, name: string, data: Uint8Array | string) => writeFileSync(join(dir, name), data);

  const formDocx = await buildDocx([
    para("1.2024年度教育训练绩效目标表"),
    para("单位：万元"),
    docxTable(PROJECT_GOAL_SPEC),
  ]);
  const formXlsx = await buildXlsx([{ name: "项目支出绩效目标表", spec: PROJECT_GOAL_SPEC }]);
  w(generated, "project-goal.docx", formDocx);
  w(generated, "project-goal.xlsx", formXlsx);
  w(
    generated,
    "self-evaluation.docx",
    await buildDocx([para("2023年度部门整体支出绩效自评表"), docxTable(SELF_EVAL_SPEC)]),
  );
  w(
    generated,
    "self-evaluation.xlsx",
    await buildXlsx([{ name: "部门整体支出绩效自评表", spec: SELF_EVAL_SPEC, startRow: 2 }]),
  );

  w(hostile, "truncated.docx", formDocx.subarray(0, Math.floor(formDocx.length / 2)));
  w(hostile, "truncated-tail.xlsx", formXlsx.subarray(0, formXlsx.length - 10));

  // 50 MB of spaces as one sheet: declared honestly (caught before inflating) and declared as 1 KB (caught while inflating).
  const bomb = deflateSmallest(50 * 1024 * 1024);
  const base = (name: string, xml: string): RawEntry => {
    const bytes = strToU8(xml);
    const chunks: Uint8Array[] = [];
    const def = new Deflate({ level: 6 }, (c) => chunks.push(c));
    def.push(bytes, true);
    const deflated = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      deflated.set(c, o);
      o += c.length;
    }
    return { name, deflated, crc: crc32(bytes), size: bytes.length };
  };
  const xlsxParts = [
    base("[Content_Types].xml", CT_XLSX),
    base("xl/workbook.xml", WB),
    base("xl/_rels/workbook.xml.rels", WB_RELS),
  ];
  w(
    hostile,
    "bomb.xlsx",
    rawZip([...xlsxParts, { name: "xl/worksheets/sheet1.xml", ...bomb, size: 50 * 1024 * 1024 }]),
  );
  w(
    hostile,
    "bomb-lying-size.xlsx",
    rawZip([...xlsxParts, { name: "xl/worksheets/sheet1.xml", ...bomb, size: 50 * 1024 * 1024, declaredSize: 1000 }]),
  );

  w(
    hostile,
    "xxe.docx",
    minimalDocx(
      `<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>`,
      `<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
    ),
  );
  w(
    hostile,
    "billion-laughs.xlsx",
    minimalXlsx(
      `<?xml version="1.0"?>${BILLION_LAUGHS}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`,
    ),
  );
  w(hostile, "docx-named.xlsx", formDocx);
  w(hostile, "text-named.docx", "项目名称\t2024年度教育训练\n预算数\t50.00\n");
  w(hostile, "old-word.doc", oleFile("WordDocument"));
  w(hostile, "old-excel-named.xlsx", oleFile("Workbook"));
  w(hostile, "encrypted.docx", oleFile("EncryptedPackage"));
  w(hostile, "gbk.txt", new Uint8Array(Buffer.from(new TextEncoderGb().encode(GBK_TEXT))));
  w(hostile, "utf16le-bom.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GBK_TEXT, "utf16le")]));
  w(hostile, "utf16be-nobom.txt", Buffer.from(GBK_TEXT, "utf16le").swap16());
  w(hostile, "empty.docx", new Uint8Array(0));
  w(
    hostile,
    "html-table.xls",
    `<html><body><table><tr><td>一级指标<td>指标值<tr><td>产出指标<td>≥100人</table></body></html>`,
  );
  w(hostile, "not-a-zip.xlsx", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
  w(
    hostile,
    "deep-nesting.docx",
    minimalDocx(`${"<w:sdt><w:sdtContent>".repeat(3000)}${"</w:sdtContent></w:sdt>".repeat(3000)}`),
  );
  console.log("fixtures written");
}

/** GBK encoding through iconv is not available here; build the bytes by decoding all two-byte codes once. */
class TextEncoderGb {
  private static map: Map<string, number[]> | undefined;
  encode(s: string): Uint8Array {
    if (!TextEncoderGb.map) {
      const m = new Map<string, number[]>();
      const dec = new TextDecoder("gb18030");
      for (let a = 0x81; a <= 0xfe; a++)
        for (let b = 0x40; b <= 0xfe; b++) {
          if (b === 0x7f) continue;
          const ch = dec.decode(new Uint8Array([a, b]));
          if (ch.length === 1 && ch !== "\ufffd" && !m.has(ch)) m.set(ch, [a, b]);
        }
      TextEncoderGb.map = m;
    }
    const out: number[] = [];
    for (const ch of s) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) out.push(code);
      else {
        const bytes = TextEncoderGb.map.get(ch);
        if (!bytes) throw new Error(`no GBK code for ${ch}`);
        out.push(...bytes);
      }
    }
    return new Uint8Array(out);
  }
}

export function encodeGbk(s: string): Uint8Array {
  return new TextEncoderGb().encode(s);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
