/**
 * A small, safe XML tokenizer for OOXML parts, with a lenient HTML mode for pasted tables.
 *
 * - Linear time: one pass, each token located with indexOf or a single character scan.
 * - No DTDs: in XML mode any `<!DOCTYPE` or `<!ENTITY` is refused, so there is no external entity (XXE) and
 *   no entity expansion (billion laughs). Only the five predefined entities and numeric references exist.
 * - Namespaces: prefixes can be mapped to canonical ones by namespace URI (`nsMap`), so `x:c` and `c` in
 *   the SpreadsheetML namespace both come out as the same name, whatever prefix the writer chose.
 * - HTML mode: case-insensitive names, unquoted and bare attributes, `<script>`/`<style>` skipped, the
 *   HTML named entities that clipboards use, `<!DOCTYPE html>` and Office's `<![if ...]>` skipped.
 */
import type { Location } from "@jixiao/core";
import { invalid } from "./errors.ts";

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

export interface XmlOptions {
  html?: boolean;
  /** Namespace URI → the prefix to report element and attribute names with ("" for no prefix). */
  nsMap?: Record<string, string>;
  /** For error messages. */
  location?: Location;
  /** Deepest element nesting accepted. Default 2,000. */
  maxDepth?: number;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const HTML_ENTITIES: Record<string, string> = {
  ...XML_ENTITIES,
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  shy: "\u00ad",
  copy: "©",
  reg: "®",
  trade: "™",
  middot: "·",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  yen: "¥",
  times: "×",
  divide: "÷",
  plusmn: "±",
  le: "≤",
  ge: "≥",
  ne: "≠",
  deg: "°",
  permil: "‰",
  percnt: "%",
  bull: "•",
  sect: "§",
  para: "¶",
  micro: "µ",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  sup2: "²",
  sup3: "³",
  cent: "¢",
  pound: "£",
  euro: "€",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
};

const HTML_VOID = new Set(["br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source"]);

export function decodeEntities(s: string, html: boolean, location?: Location): string {
  if (s.indexOf("&") < 0) return s;
  let out = "";
  let i = 0;
  for (;;) {
    const amp = s.indexOf("&", i);
    if (amp < 0) return out + s.slice(i);
    out += s.slice(i, amp);
    // A reference is short: look for its ";" within 32 characters only (a scan to the end would be quadratic).
    let semi = -1;
    for (let k = amp + 1, end = Math.min(s.length, amp + 33); k < end; k++)
      if (s.charCodeAt(k) === 59) {
        semi = k;
        break;
      }
    const ref = semi > amp ? s.slice(amp + 1, semi) : undefined;
    let rep: string | undefined;
    if (ref !== undefined) {
      if (ref[0] === "#") {
        const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        const valid = /^#(x[0-9a-f]+|[0-9]+)$/i.test(ref) && code >= 0 && code <= 0x10ffff;
        if (valid && code !== 0 && !(code >= 0xd800 && code <= 0xdfff)) rep = String.fromCodePoint(code);
        else if (html) rep = "\ufffd";
      } else {
        rep = html ? (HTML_ENTITIES[ref] ?? HTML_ENTITIES[ref.toLowerCase()]) : XML_ENTITIES[ref];
      }
    }
    if (rep === undefined) {
      if (html) {
        out += "&";
        i = amp + 1;
        continue;
      }
      const shown = s.slice(amp, Math.min(s.length, amp + 12));
      throw invalid(
        `XML 中有无法识别的实体引用「${shown}」`,
        `the XML holds an unknown entity reference "${shown}"`,
        location,
      );
    }
    out += rep;
    i = (semi as number) + 1;
  }
}

function isNameChar(c: number): boolean {
  // Anything but whitespace, `/`, `>`, `=`, quotes and `<`.
  return !(c <= 32 || c === 47 || c === 62 || c === 61 || c === 34 || c === 39 || c === 60);
}

/**
 * Tokenize `src`, calling the handlers in document order. Throws DomainError on DTDs, on markup that is not
 * well-formed (XML mode), or on nesting deeper than `maxDepth`.
 */
export function parseXml(src: string, handlers: XmlHandlers, opts: XmlOptions = {}): void {
  createXmlParser(handlers, opts).end(src);
}

/** Thrown inside the tokenizer when a token runs past the end of the text received so far. */
const INCOMPLETE = Symbol("incomplete");

export interface XmlStreamParser {
  /** More text; tokens cut by the chunk's end wait for the next one. */
  write(chunk: string): void;
  /** The last text (optional); checks that every element was closed. */
  end(chunk?: string): void;
}

/**
 * The tokenizer as a stream: text can come in chunks (e.g. straight from the inflater), so a large part is never
 * held whole. Text events may then arrive in pieces; handlers concatenate them.
 */
export function createXmlParser(handlers: XmlHandlers, opts: XmlOptions = {}): XmlStreamParser {
  const html = opts.html === true;
  const loc = opts.location;
  const maxDepth = opts.maxDepth ?? 2000;
  const nsMap = opts.nsMap;
  const bad = (zh: string, en: string) =>
    invalid(`XML 内容不合规范：${zh}`, `the XML is not well-formed: ${en}`, loc ? { ...loc } : undefined);
  const refuseDtd = () =>
    invalid(
      "文件中含有 DTD 声明（<!DOCTYPE> / <!ENTITY>），出于安全原因拒绝读取",
      "the file contains a DTD declaration (<!DOCTYPE> / <!ENTITY>), which is refused for safety",
      loc,
    );

  // Namespace scopes: a stack of prefix → URI maps, pushed only by elements that declare namespaces.
  type Scope = { depth: number; map: Map<string, string> };
  const scopes: Scope[] = [];
  const resolvePrefix = (prefix: string): string | undefined => {
    for (let k = scopes.length - 1; k >= 0; k--) {
      const u = scopes[k]!.map.get(prefix);
      if (u !== undefined) return u;
    }
    if (prefix === "xml") return "http://www.w3.org/XML/1998/namespace";
    return undefined;
  };
  // Mapped names, valid while the namespace scopes do not change (they rarely do below the root).
  const elCache = new Map<string, string>();
  const attrCache = new Map<string, string>();
  const mapName = (qname: string, isAttr: boolean): string => {
    if (!nsMap) return qname;
    const cache = isAttr ? attrCache : elCache;
    let m = cache.get(qname);
    if (m === undefined) {
      m = mapNameUncached(qname, isAttr);
      cache.set(qname, m);
    }
    return m;
  };
  const scopesChanged = () => {
    elCache.clear();
    attrCache.clear();
  };
  const mapNameUncached = (qname: string, isAttr: boolean): string => {
    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    if (colon < 0 && isAttr) return qname; // unprefixed attributes have no namespace
    if (prefix === "xmlns") return qname;
    const uri = resolvePrefix(prefix);
    if (uri === undefined) return qname;
    const canon = nsMap?.[uri];
    if (canon === undefined) return qname;
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    return canon === "" ? local : `${canon}:${local}`;
  };

  const stack: string[] = [];
  let pending = "";
  let started = false;
  let retryAt = 0;
  let ended = false;
  let src = "";
  let n = 0;
  let i = 0;
  let final = false;
  let nextAmp = -1;
  /** Where the token being read began: what is kept for the next chunk when it is cut. */
  let tokenStart = 0;
  const needMore = () => {
    if (!final) throw INCOMPLETE;
  };

  const feed = (chunk: string, isFinal: boolean) => {
    if (ended) throw new Error("XML parser already ended");
    pending = pending.length ? pending + chunk : chunk;
    if (!isFinal && pending.length < retryAt) return;
    final = isFinal;
    src = pending;
    n = src.length;
    i = 0;
    nextAmp = -1;
    if (!started && (n > 0 || isFinal)) {
      started = true;
      if (src.charCodeAt(0) === 0xfeff) i = 1; // a BOM
    }
    tokenStart = i;
    try {
      while (i < n) {
        tokenStart = i;
        step();
      }
      tokenStart = n;
    } catch (e) {
      if (e !== INCOMPLETE) throw e;
    }
    if (tokenStart >= n) {
      pending = "";
      retryAt = 0;
    } else {
      pending = src.slice(tokenStart);
      // A token longer than what is buffered: wait until the buffer doubles (keeps rescans linear overall).
      retryAt = tokenStart === 0 ? pending.length * 2 : 0;
    }
    if (isFinal) {
      ended = true;
      if (!html && stack.length > 0)
        throw bad(
          `<${stack[stack.length - 1]}> 没有结束（文件不完整？）`,
          `<${stack[stack.length - 1]}> is never closed (truncated?)`,
        );
    }
  };

  /** One token (or one run of text) at `i`; advances `i` past it. */
  const step = (): void => {
    const lt = src.indexOf("<", i);
    if (lt < 0 && !final) {
      // Text running past the chunk: hand over what is safe (not a cut entity reference) and wait.
      // A reference's ";" is looked for within 32 characters: the earliest "&" of the last 33 that has no ";" after
      // it in this chunk may still take its ";" from the next one, and so may every "&" after it.
      let cut = n;
      for (let k = src.indexOf("&", Math.max(i, n - 33)); k >= 0 && k < n; k = src.indexOf("&", k + 1)) {
        const semi = src.indexOf(";", k);
        if (semi < 0 || semi >= n) {
          cut = k;
          break;
        }
      }
      if (cut > i) {
        const piece = src.slice(i, cut);
        if (handlers.text) handlers.text(decodeEntities(piece, html, loc));
        else if (!html && piece.indexOf("&") >= 0) decodeEntities(piece, html, loc);
      }
      i = cut;
      tokenStart = cut;
      throw INCOMPLETE;
    }
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      // Text is a step of its own, so that a token cut by the chunk's end never makes it come out twice.
      if (handlers.text) handlers.text(decodeEntities(src.slice(i, textEnd), html, loc));
      else if (!html) {
        // No text handler: still refuse bad entity references. The next "&" is remembered, so this stays linear.
        if (nextAmp < i) {
          const k = src.indexOf("&", i);
          nextAmp = k < 0 ? n : k;
        }
        if (nextAmp < textEnd) decodeEntities(src.slice(i, textEnd), html, loc);
      }
      i = textEnd;
      return;
    }
    if (i + 1 >= n) needMore();
    const c1 = src.charCodeAt(i + 1);
    if (c1 === 33 /* ! */) {
      if (n - i < 9) needMore();
      if (src.startsWith("<!--", i)) {
        const end = src.indexOf("-->", i + 4);
        if (end < 0) {
          needMore();
          if (html) {
            i = n;
            return;
          }
          throw bad("注释没有结束", "unterminated comment");
        }
        i = end + 3;
        return;
      }
      if (src.startsWith("<![CDATA[", i)) {
        const end = src.indexOf("]]>", i + 9);
        if (end < 0) {
          needMore();
          throw bad("CDATA 没有结束", "unterminated CDATA section");
        }
        handlers.text?.(src.slice(i + 9, end));
        i = end + 3;
        return;
      }
      const head = src.slice(i, i + 9).toUpperCase();
      if (head.startsWith("<!ENTITY")) throw refuseDtd();
      if (head.startsWith("<!DOCTYPE")) {
        if (!html) throw refuseDtd();
        const end = src.indexOf(">", i);
        if (end < 0) needMore();
        const decl = end < 0 ? src.slice(i) : src.slice(i, end);
        // HTML pages start with `<!DOCTYPE html ...>`: harmless without an internal subset, and never expanded.
        if (decl.includes("[") || /<!ENTITY/i.test(decl)) throw refuseDtd();
        i = end < 0 ? n : end + 1;
        return;
      }
      // `<![if ...]>`, `<![endif]>` (Office conditional markup) and other declarations.
      if (!html) throw bad("无法识别的声明", "unknown declaration");
      const end = src.indexOf(">", i);
      if (end < 0) needMore();
      i = end < 0 ? n : end + 1;
      return;
    }
    if (c1 === 63 /* ? */) {
      const end = src.indexOf("?>", i + 2);
      if (end < 0) {
        needMore();
        if (html) {
          const gt = src.indexOf(">", i);
          i = gt < 0 ? n : gt + 1;
          return;
        }
        throw bad("处理指令没有结束", "unterminated processing instruction");
      }
      i = end + 2;
      return;
    }
    if (c1 === 47 /* / */) {
      const end = src.indexOf(">", i + 2);
      if (end < 0) {
        needMore();
        if (html) {
          i = n;
          return;
        }
        throw bad("结束标记没有结束", "unterminated end tag");
      }
      let name = src.slice(i + 2, end).trim();
      if (html) name = name.toLowerCase();
      i = end + 1;
      if (html) {
        handlers.close?.(name);
        return;
      }
      const open = stack.pop();
      if (open !== name)
        throw bad(
          `结束标记 </${name}> 与开始标记 <${open ?? ""}> 不匹配`,
          `end tag </${name}> does not match <${open ?? ""}>`,
        );
      const depth = stack.length + 1;
      const mapped = mapName(name, false);
      if (scopes.length && scopes[scopes.length - 1]!.depth === depth) {
        scopes.pop();
        scopesChanged();
      }
      handlers.close?.(mapped);
      return;
    }
    // A start tag. In HTML, `<` not followed by a name is text.
    let j = i + 1;
    while (j < n && isNameChar(src.charCodeAt(j))) j++;
    if (j >= n) needMore();
    if (j === i + 1) {
      if (html) {
        handlers.text?.("<");
        i += 1;
        return;
      }
      throw bad("「<」后缺少元素名", "a `<` without an element name");
    }
    let name = src.slice(i + 1, j);
    if (html) name = name.toLowerCase();
    const attrs: Record<string, string> = {};
    let declared: Map<string, string> | undefined;
    let selfClosing = false;
    let closed = false;
    while (j < n) {
      let c = src.charCodeAt(j);
      while (c <= 32 && j < n) c = src.charCodeAt(++j);
      if (j >= n) {
        needMore();
        break;
      }
      if (c === 62 /* > */) {
        j++;
        closed = true;
        break;
      }
      if (c === 47 /* / */) {
        if (j + 1 >= n) needMore();
        if (src.charCodeAt(j + 1) === 62) {
          selfClosing = true;
          j += 2;
          closed = true;
          break;
        }
        if (!html) throw bad(`<${name}> 中有多余的「/」`, `a stray "/" in <${name}>`);
        j++;
        continue;
      }
      const a0 = j;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      if (j >= n) needMore();
      if (j === a0) {
        if (!html) throw bad(`<${name}> 的属性写法错误`, `malformed attribute in <${name}>`);
        j++;
        continue;
      }
      let aname = src.slice(a0, j);
      if (html) aname = aname.toLowerCase();
      while (j < n && src.charCodeAt(j) <= 32) j++;
      if (j >= n) needMore();
      let value = "";
      if (src.charCodeAt(j) === 61 /* = */) {
        j++;
        while (j < n && src.charCodeAt(j) <= 32) j++;
        if (j >= n) needMore();
        const q = src.charCodeAt(j);
        if (q === 34 || q === 39) {
          const end = src.indexOf(q === 34 ? '"' : "'", j + 1);
          if (end < 0) {
            needMore();
            throw bad(`<${name}> 的属性值没有结束`, `unterminated attribute value in <${name}>`);
          }
          value = src.slice(j + 1, end);
          if (value.indexOf("<") >= 0 && !html)
            throw bad(`<${name}> 的属性值中有「<」`, `"<" in an attribute value of <${name}>`);
          j = end + 1;
        } else if (html) {
          const v0 = j;
          while (j < n && src.charCodeAt(j) > 32 && src.charCodeAt(j) !== 62) j++;
          if (j >= n) needMore();
          value = src.slice(v0, j);
        } else {
          throw bad(`<${name}> 的属性值缺少引号`, `unquoted attribute value in <${name}>`);
        }
        value = decodeEntities(value, html, loc);
      } else if (!html) {
        throw bad(`<${name}> 的属性缺少值`, `attribute without a value in <${name}>`);
      }
      if (nsMap && (aname === "xmlns" || aname.startsWith("xmlns:"))) {
        declared ??= new Map();
        declared.set(aname === "xmlns" ? "" : aname.slice(6), value);
      }
      attrs[aname] = value;
    }
    if (!closed) {
      needMore();
      if (html) {
        i = n;
        return;
      }
      throw bad(`<${name}> 没有结束`, `unterminated start tag <${name}>`);
    }
    i = j;
    const depth = stack.length + 1;
    if (depth > maxDepth)
      throw invalid(`XML 嵌套过深（超过 ${maxDepth} 层）`, `the XML nests too deeply (over ${maxDepth} levels)`, loc);
    if (declared) {
      scopes.push({ depth, map: declared });
      scopesChanged();
    }
    let outAttrs = attrs;
    if (nsMap) {
      outAttrs = {};
      for (const k in attrs) outAttrs[mapName(k, true)] = attrs[k]!;
    }
    const mapped = mapName(name, false);
    if (html) {
      const isVoid = HTML_VOID.has(name);
      const raw = name === "script" || name === "style" || name === "title" || name === "xml";
      let rawEnd = n;
      if (raw) {
        // Raw text: skip to the matching end tag (found before any event, so a cut chunk repeats nothing).
        const endRe = new RegExp(`</${name}\\s*>`, "ig");
        endRe.lastIndex = j;
        const m = endRe.exec(src);
        if (!m) needMore();
        if (m) rawEnd = m.index + m[0].length;
      }
      handlers.open?.(mapped, outAttrs, selfClosing || isVoid);
      if (raw) {
        i = rawEnd;
        handlers.close?.(name);
      } else if (selfClosing && !isVoid) {
        handlers.close?.(mapped);
      }
      return;
    }
    handlers.open?.(mapped, outAttrs, selfClosing);
    if (selfClosing) {
      if (declared) {
        scopes.pop();
        scopesChanged();
      }
      handlers.close?.(mapped);
    } else {
      stack.push(name);
    }
  };

  return {
    write: (chunk) => feed(chunk, false),
    end: (chunk = "") => feed(chunk, true),
  };
}

/** A parsed element, for the parts small enough to hold as a tree. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Parse a whole XML part into a tree (XML mode only). Returns a synthetic root whose children are the top nodes. */
export function parseXmlTree(src: string, opts: Omit<XmlOptions, "html"> = {}): XmlElement {
  const root: XmlElement = { name: "#root", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  parseXml(
    src,
    {
      open(name, attrs) {
        const el: XmlElement = { name, attrs, children: [] };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      close() {
        stack.pop();
      },
      text(t) {
        stack[stack.length - 1]!.children.push(t);
      },
    },
    opts,
  );
  return root;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== "string" && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== "string" && c.name === name) return c;
  return undefined;
}

/** The concatenated text of an element's descendants. */
export function textOf(el: XmlElement): string {
  let s = "";
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === "string") s += c;
      else walk(c);
    }
  };
  walk(el);
  return s;
}
