import { DomainError } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import { decodeEntities, parseXml, parseXmlTree, textOf, type XmlElement } from "../../src/read/xml.ts";

function events(src: string, html = false): string[] {
  const out: string[] = [];
  parseXml(
    src,
    {
      open: (n, a, self) =>
        out.push(
          `<${n}${Object.entries(a)
            .map(([k, v]) => ` ${k}=${v}`)
            .join("")}${self ? "/" : ""}>`,
        ),
      close: (n) => out.push(`</${n}>`),
      text: (t) => out.push(JSON.stringify(t)),
    },
    { html },
  );
  return out;
}

describe("parseXml", () => {
  it("gives elements, attributes and text in order, with entities decoded", () => {
    expect(
      events(
        `<?xml version="1.0"?><a x="1 &amp; 2" y='&quot;q&apos;'>t&lt;&gt;&#x4E2D;&#25991;<b/><!-- c --><![CDATA[<raw>&amp;]]></a>`,
      ),
    ).toEqual(["<a x=1 & 2 y=\"q'>", '"t<>中文"', "<b/>", "</b>", '"<raw>&amp;"', "</a>"]);
  });

  it("refuses any DOCTYPE or ENTITY declaration in XML", () => {
    for (const src of [
      `<!DOCTYPE a><a/>`,
      `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>`,
      `<a><!ENTITY x "y"></a>`,
      `<!doctype a><a/>`,
    ]) {
      expect(() => parseXml(src, {})).toThrow(DomainError);
      expect(() => parseXml(src, {})).toThrow(/DTD/);
    }
  });

  it("refuses unknown entities, bad numeric references and broken markup in XML", () => {
    for (const src of [
      `<a>&lol;</a>`,
      `<a>&#0;</a>`,
      `<a>&#xD800;</a>`,
      `<a><b></a>`,
      `<a x=1/>`,
      `<a>`,
      `<a x="1>`,
      `<a><!-- x</a>`,
      `< a/>`,
    ])
      expect(() => parseXmlTree(src)).toThrow(DomainError);
  });

  it("maps namespace prefixes by URI, including default namespaces and redeclarations", () => {
    const src = `<p:root xmlns:p="urn:a" xmlns="urn:b"><p:x p:attr="1" plain="2"/><y/><q:z xmlns:q="urn:a"><w xmlns="urn:a"/></q:z><p:v xmlns:p="urn:other"/></p:root>`;
    const names: string[] = [];
    parseXml(
      src,
      { open: (n, a) => names.push(`${n}[${Object.keys(a).join(",")}]`) },
      { nsMap: { "urn:a": "A", "urn:b": "" } },
    );
    expect(names).toEqual([
      "A:root[xmlns:p,xmlns]",
      "A:x[A:attr,plain]",
      "y[]",
      "A:z[xmlns:q]",
      "A:w[xmlns]",
      "p:v[xmlns:p]",
    ]);
  });

  it("refuses nesting deeper than the limit instead of overflowing the stack", () => {
    const deep = `${"<a>".repeat(5000)}${"</a>".repeat(5000)}`;
    expect(() => parseXmlTree(deep)).toThrow(/nests too deeply|嵌套过深/);
    expect(() => parseXmlTree(deep, { maxDepth: 6000 })).not.toThrow();
  });

  it("reads a large input to its end (its time against a 16× smaller one: bench/markup)", () => {
    const n = 400_000;
    const src = `<r>${'<c r="A1" t="s"><v>1</v></c>text &amp; more'.repeat(n)}</r>`;
    let opened = 0;
    let text = 0;
    parseXml(src, { open: () => opened++, text: (t) => (text += t.length) });
    expect(opened).toBe(n * 2 + 1);
    expect(text).toBe(n * ("1".length + "text & more".length));
  });

  it("reads lenient HTML: bare attributes, case, void tags, entities, script/style skipped, doctype and Office markup", () => {
    const src = `<!DOCTYPE html><HTML><head><style>td{}</style><script>if (a<b) x()</script></head><body><![if !supportMisalignedColumns]><TD ColSpan=2 nowrap>A&nbsp;&amp;&copy;&unknown;<BR>b</td><![endif]><o:p></o:p></body>`;
    expect(events(src, true)).toEqual([
      "<html>",
      "<head>",
      "<style>",
      "</style>",
      "<script>",
      "</script>",
      "</head>",
      "<body>",
      "<td colspan=2 nowrap=>",
      '"A\u00a0&©&unknown;"',
      "<br/>",
      '"b"',
      "</td>",
      "<o:p>",
      "</o:p>",
      "</body>",
    ]);
  });

  it("refuses a DOCTYPE with an internal subset even in HTML", () => {
    expect(() => parseXml(`<!DOCTYPE html [<!ENTITY x "y">]><p>&x;</p>`, {}, { html: true })).toThrow(/DTD/);
  });

  it("builds trees and concatenates text", () => {
    const root = parseXmlTree(`<a>x<b>y</b>z</a>`);
    expect(textOf(root.children[0] as XmlElement)).toBe("xyz");
  });

  it("decodeEntities keeps unknown entities in HTML and refuses them in XML", () => {
    expect(decodeEntities("a &foo; b &#65;", true)).toBe("a &foo; b A");
    expect(() => decodeEntities("a &foo; b", false)).toThrow(DomainError);
  });
});
