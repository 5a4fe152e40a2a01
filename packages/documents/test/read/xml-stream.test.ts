/**
 * The streaming tokenizer gives the same events whatever the chunking: cut anywhere (inside a tag, an
 * attribute, an entity, a comment, a CDATA section, a multi-byte character's neighbourhood), fed in pieces.
 */
import { DomainError } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createXmlParser, parseXml, type XmlOptions } from "../../src/read/xml.ts";

type Ev = string;

function collect(feed: (h: Parameters<typeof parseXml>[1]) => void): Ev[] | string {
  const out: Ev[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push(`T${JSON.stringify(text)}`);
    text = "";
  };
  try {
    feed({
      open(n, a, self) {
        flush();
        out.push(`<${n} ${JSON.stringify(a)}${self ? "/" : ""}>`);
      },
      close(n) {
        flush();
        out.push(`</${n}>`);
      },
      text(t) {
        text += t;
      },
    });
    flush();
    return out;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    // The quoted excerpt in a message can be shorter when the text was cut: compare the kind of error.
    return `error: ${e.text.en.replace(/".*"/g, '"…"')}`;
  }
}

function whole(src: string, opts: XmlOptions) {
  return collect((h) => parseXml(src, h, opts));
}

function chunked(src: string, cuts: number[], opts: XmlOptions) {
  return collect((h) => {
    const p = createXmlParser(h, opts);
    const points = [...new Set(cuts.map((c) => c % (src.length + 1)))].sort((a, b) => a - b);
    let last = 0;
    for (const c of points) {
      p.write(src.slice(last, c));
      last = c;
    }
    p.end(src.slice(last));
  });
}

const name = fc.constantFrom("a", "w:p", "x:c", "row", "t", "si");
const attrValue = fc
  .array(fc.constantFrom("1", "中文", "&amp;", "&lt;", "&#x4E2D;", "&#20013;", " ", ">", "'", "x"), { maxLength: 5 })
  .map((a) => a.join(""));
const textArb = fc
  .array(fc.constantFrom("指标", "≥90%", "&amp;", "&gt;", "&quot;", "&#10;", " ", "\n", "0.485", "]]", ">"), {
    maxLength: 6,
  })
  .map((a) => a.join(""));

const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
  el: fc
    .tuple(
      name,
      fc.array(fc.tuple(fc.constantFrom("r", "s", "t", "w:val", "xmlns:x"), attrValue), { maxLength: 3 }),
      fc.array(tie("child"), { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([n, attrs, kids, self]) => {
      const seen = new Set<string>();
      const a = attrs
        .filter(([k]) => {
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        })
        .map(([k, v]) => ` ${k}="${k === "xmlns:x" ? "urn:x" : v.replace(/"/g, "&quot;")}"`)
        .join("");
      return self && kids.length === 0 ? `<${n}${a}/>` : `<${n}${a}>${kids.join("")}</${n}>`;
    }),
  child: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    textArb,
    tie("el"),
    fc.constant("<!-- 注释 -- x -->"),
    fc.constant("<![CDATA[<raw> & ]]>"),
    fc.constant("<?pi data?>"),
  ),
})).el;

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe("streaming XML tokenizer", () => {
  it("gives the same events for any chunking of well-formed XML", () => {
    fc.assert(
      fc.property(node, cuts, fc.boolean(), (doc, cs, withNs) => {
        const src = `<?xml version="1.0" encoding="UTF-8"?>\n${doc}`;
        const opts: XmlOptions = withNs ? { nsMap: { "urn:x": "X" } } : {};
        const a = whole(src, opts);
        expect(typeof a === "string" ? a : "ok").toBe("ok");
        expect(chunked(src, cs, opts)).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same events or the same error for any chunking of random markup (XML and HTML modes)", () => {
    const markup = fc
      .array(
        fc.constantFrom(
          "<",
          ">",
          "/",
          "a",
          "b:c",
          "=",
          '"',
          "'",
          "&",
          ";",
          "amp",
          "#x41",
          "!--",
          "--",
          "![CDATA[",
          "]]",
          "?",
          "!DOCTYPE",
          " ",
          "中",
          "td",
          "script",
        ),
        {
          maxLength: 30,
        },
      )
      .map((a) => a.join(""));
    fc.assert(
      fc.property(markup, cuts, fc.boolean(), (src, cs, html) => {
        const opts: XmlOptions = { html };
        expect(chunked(src, cs, opts)).toEqual(whole(src, opts));
      }),
      // found by a longer run: two "&" in the chunk's last 33 characters, the first one's ";" in the next chunk
      { numRuns: 3000, examples: [["script&#x41b:c&!--;", [15], true]] },
    );
  });

  it("reads one token far larger than the chunks (its time against the whole text parsed at once: bench/markup)", () => {
    const big = `<a v="${"x".repeat(4_000_000)}">${"y".repeat(4_000_000)}</a>`;
    let seen = 0;
    let attr = 0;
    const p = createXmlParser({ text: (t) => (seen += t.length), open: (_n, a) => (attr = a.v?.length ?? 0) });
    for (let k = 0; k < big.length; k += 4096) p.write(big.slice(k, k + 4096));
    p.end();
    expect(seen).toBe(4_000_000);
    expect(attr).toBe(4_000_000);
  });
});
