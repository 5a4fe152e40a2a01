import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, looksBinary } from "../../src/read/encoding.ts";
import { encodeGbk } from "./make-fixtures.ts";

const SAMPLE = "部门整体支出绩效自评表\t得分 92\n年初预算数：1,000.00 万元（≥90%）";

describe("decodeText", () => {
  it("UTF-8 with and without BOM", () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: "utf-8", bom: false, lossy: false });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeText(withBom)).toEqual({ text: SAMPLE, encoding: "utf-8", bom: true, lossy: false });
  });

  it("UTF-16 LE/BE with a BOM, and without one when the NUL bytes tell", () => {
    const le = Buffer.from(SAMPLE, "utf16le");
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toMatchObject({
      text: SAMPLE,
      encoding: "utf-16le",
      bom: true,
    });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({
      text: SAMPLE,
      encoding: "utf-16be",
      bom: true,
    });
    const ascii = "Item\tBudget\tSpent\r\nTotal\t1000.00\t883.00\r\n";
    expect(decodeText(Buffer.from(ascii, "utf16le"))).toMatchObject({ text: ascii, encoding: "utf-16le", bom: false });
    expect(decodeText(Buffer.from(ascii, "utf16le").swap16())).toMatchObject({
      text: ascii,
      encoding: "utf-16be",
      bom: false,
    });
  });

  it("GBK / GB18030 when the bytes are not UTF-8", () => {
    expect(decodeText(encodeGbk(SAMPLE))).toEqual({ text: SAMPLE, encoding: "gb18030", bom: false, lossy: false });
  });

  it("flags damaged bytes as lossy instead of failing", () => {
    const r = decodeText(new Uint8Array([0x61, 0xff, 0xff, 0x62]));
    expect(r.lossy).toBe(true);
    expect(r.text).toContain("a");
  });

  it("round-trips text through UTF-8 (BOM), UTF-16 (BOM), UTF-8 with Chinese, and GB18030", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => {
        const clean = s.replace(/^\ufeff/, "");
        const utf8 = new TextEncoder().encode(clean);
        expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text).toBe(clean);
        expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, "utf16le")])).text).toBe(clean);
        // Without a BOM, UTF-8 is certain unless the bytes also read as plausible Chinese in GB18030 and the
        // UTF-8 reading has no Chinese but other scripts (a two-letter Cyrillic word can be one GBK character):
        // that ambiguity is resolved towards GBK, which is what Chinese Windows writes.
        // (Text full of NUL characters is read as UTF-16 without a BOM; real text has none.)
        if ((/[\u3400-\u9fff]/.test(clean) || !/[\u0100-\u07ff]/.test(clean)) && !clean.includes("\u0000"))
          expect(decodeText(utf8).text).toBe(clean);
      }),
    );
    const cjk = fc.string({
      unit: fc.constantFrom(..."一级指标二级三级指标值产出效益满意度预算执行率万元≥≤％，。：；（）\t\n 0123456789.abc"),
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(cjk, (s) => {
        const r = decodeText(encodeGbk(s));
        expect(r.text).toBe(s);
      }),
    );
  });

  it("looksBinary tells binary junk from text", () => {
    expect(looksBinary(SAMPLE)).toBe(false);
    expect(looksBinary("\u0000\u0001\u0002abc\u0003\u0004")).toBe(true);
  });
});
