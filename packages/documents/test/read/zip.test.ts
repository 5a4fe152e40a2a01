import { DomainError } from "@jixiao/core";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeXmlBytes, openZip } from "../../src/read/zip.ts";
import { deflateRepeated, encodeGbk, rawZip } from "./make-fixtures.ts";

function refused(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error("not refused");
}

describe("openZip", () => {
  const files = {
    "a.xml": strToU8("<a>中文</a>"),
    "dir/b.txt": strToU8("b".repeat(5000)),
    "stored.bin": new Uint8Array([1, 2, 3]),
  };

  it("lists entries and inflates them on demand (deflated and stored)", () => {
    const zip = openZip(zipSync(files, { level: 6 }), "t.docx");
    expect([...zip.entries.keys()].sort()).toEqual(["a.xml", "dir/b.txt", "stored.bin"]);
    expect(zip.readText("a.xml")).toBe("<a>中文</a>");
    expect(zip.readText("dir/b.txt")).toBe("b".repeat(5000));
    expect(zip.read("missing")).toBeUndefined();
    const stored = openZip(zipSync(files, { level: 0 }), "t.docx");
    expect([...stored.read("stored.bin")!]).toEqual([1, 2, 3]);
  });

  it("says what a file that is not a zip looks like", () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [strToU8("%PDF-1.7\n..."), /PDF/],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /old Office file/],
      [strToU8("一级指标\t指标值"), /text/],
      [strToU8("<html><table>"), /HTML/],
      [new Uint8Array(0), /empty/],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), /image/],
    ];
    for (const [buf, re] of cases) expect(refused(() => openZip(buf, "x.xlsx")).text.en).toMatch(re);
  });

  it("refuses a file over the size limit before anything else", () => {
    const buf = zipSync(files);
    expect(refused(() => openZip(buf, "x.xlsx", { maxFileBytes: 100 })).text.en).toMatch(/too large/);
  });

  it("refuses a damaged CRC, a cut-off central directory and a corrupt deflate stream", () => {
    const buf = zipSync({ "a.txt": strToU8("hello hello hello hello") }, { level: 0 });
    const bad = buf.slice();
    // Flip a byte of the stored data: the CRC no longer matches.
    const at = 30 + "a.txt".length;
    bad[at] = bad[at]! ^ 0xff;
    expect(refused(() => openZip(bad, "c.docx").read("a.txt")).text.en).toMatch(/checksum/);
    expect(refused(() => openZip(buf.subarray(0, buf.length - 5), "c.docx")).text.en).toMatch(/damaged or truncated/);
    const deflated = zipSync({ "a.txt": strToU8("x".repeat(10000)) }, { level: 9 });
    const broken = deflated.slice();
    broken[at] = 0xff;
    broken[at + 1] = 0xff;
    expect(refused(() => openZip(broken, "c.docx").read("a.txt")).text.en).toMatch(/damaged|decompress|size/);
  });

  it("checks ratio and total before inflating, from the declared sizes", () => {
    const { deflated, crc } = deflateRepeated(20 * 1024 * 1024);
    const honest = rawZip([{ name: "x.xml", deflated, crc, size: 20 * 1024 * 1024 }]);
    // openZip reads only the central directory: the refusal comes before any byte is inflated.
    expect(refused(() => openZip(honest, "b.xlsx")).text.en).toMatch(/expands more than 100×/);
    // With a laxer ratio the total limit still holds.
    expect(
      refused(() => openZip(honest, "b.xlsx", { maxRatio: 10_000, maxTotalBytes: 10 * 1024 * 1024 })).text.en,
    ).toMatch(/too large/);
    // And with both relaxed, it inflates.
    const ok = openZip(honest, "b.xlsx", { maxRatio: 10_000 });
    expect(ok.read("x.xml")!.length).toBe(20 * 1024 * 1024);
  });

  it("enforces the limits while inflating when the declared size lies", () => {
    const { deflated, crc } = deflateRepeated(64 * 1024 * 1024);
    const liar = rawZip([{ name: "x.xml", deflated, crc, size: 64 * 1024 * 1024, declaredSize: 2000 }]);
    const zip = openZip(liar, "l.xlsx", { maxRatio: 1_000_000 });
    const before = process.memoryUsage().rss;
    expect(refused(() => zip.read("x.xml")).text.en).toMatch(/declared size/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses to hold a part larger than the text limit as a string", () => {
    const one = deflateRepeated(3 * 1024 * 1024);
    const zip = openZip(rawZip([{ name: "xl/worksheets/sheet1.xml", ...one, size: 3 * 1024 * 1024 }]), "t.xlsx", {
      maxRatio: 1_000_000,
      maxTextPartBytes: 2 * 1024 * 1024,
    });
    expect(refused(() => zip.readText("xl/worksheets/sheet1.xml")).text.en).toMatch(
      /too large \(3 MB\); the limit is 2 MB/,
    );
    expect(zip.read("xl/worksheets/sheet1.xml")!.length).toBe(3 * 1024 * 1024);
  });

  it("counts the inflated total across entries", () => {
    const one = deflateRepeated(3 * 1024 * 1024);
    const zip = openZip(
      rawZip([
        { name: "a", ...one, size: 3 * 1024 * 1024 },
        { name: "b", ...one, size: 3 * 1024 * 1024 },
      ]),
      "t.xlsx",
      { maxRatio: 1_000_000, maxTotalBytes: 7 * 1024 * 1024 },
    );
    expect(zip.read("a")!.length).toBe(3 * 1024 * 1024);
    expect(zip.read("b")!.length).toBe(3 * 1024 * 1024);
    expect(refused(() => zip.read("a")).text.en).toMatch(/too large/);
  });

  it("refuses encrypted entries and unknown compression methods", () => {
    const buf = zipSync({ "a.txt": strToU8("x") }, { level: 0 }).slice();
    const view = new DataView(buf.buffer);
    const cd = buf.length - 22 - (46 + 5);
    view.setUint16(cd + 8, 1, true); // encrypted flag in the central directory
    expect(refused(() => openZip(buf, "e.docx").read("a.txt")).text.en).toMatch(/encrypted/);
    view.setUint16(cd + 8, 0, true);
    view.setUint16(cd + 10, 14, true); // LZMA
    expect(refused(() => openZip(buf, "e.docx").read("a.txt")).text.en).toMatch(/compression method \(14\)/);
  });

  it("decodes XML parts as UTF-8, UTF-16 with a BOM, or GBK when the declaration says so", () => {
    expect(decodeXmlBytes(strToU8("<a>中</a>"))).toBe("<a>中</a>");
    expect(decodeXmlBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<a>中</a>", "utf16le")]))).toBe(
      "<a>中</a>",
    );
    expect(decodeXmlBytes(encodeGbk('<?xml version="1.0" encoding="GB2312"?><a>指标</a>'))).toBe(
      '<?xml version="1.0" encoding="GB2312"?><a>指标</a>',
    );
  });
});
