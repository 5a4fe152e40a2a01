/**
 * What a file really is, judged by its first bytes and never by its name. Used to route a file to its reader
 * and to say, when a reader refuses a file, what the file looks like instead.
 */

export type Sniffed =
  | "empty"
  | "zip"
  | "ole"
  | "pdf"
  | "rtf"
  | "html"
  | "spreadsheet-2003-xml"
  | "word-2003-xml"
  | "xml"
  | "mht"
  | "image"
  | "archive"
  | "text";

/** An HTML document's start (after comments): a doctype, or an html / head / body / meta / table tag. */
const HTML_ROOT = /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|meta|table)\b/;

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, bytes: number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/** The first bytes as lower-case Latin-1 text with NULs removed (so that UTF-16 markup is seen too). */
function headText(buf: Uint8Array, n = 2048): string {
  let s = "";
  const end = Math.min(buf.length, n);
  for (let i = 0; i < end; i++) {
    const b = buf[i]!;
    if (b !== 0) s += String.fromCharCode(b);
  }
  return s.toLowerCase();
}

export function sniff(buf: Uint8Array): Sniffed {
  if (buf.length === 0) return "empty";
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(buf, OLE)) return "ole";
  // PDF readers accept the header anywhere in the first 1024 bytes.
  const head = headText(buf);
  if (head.slice(0, 1024).includes("%pdf-")) return "pdf";
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47]) || startsWith(buf, [0xff, 0xd8, 0xff]) || head.startsWith("gif8"))
    return "image";
  if (
    startsWith(buf, [0x1f, 0x8b]) ||
    startsWith(buf, [0x52, 0x61, 0x72, 0x21]) ||
    startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])
  )
    return "archive";
  const trimmed = head.replace(/^(\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff)/, "").trimStart();
  if (trimmed.startsWith("{\\rtf")) return "rtf";
  if (trimmed.startsWith("mime-version:") || /^(from:|content-type: multipart\/related)/.test(trimmed)) return "mht";
  if (trimmed.startsWith("<?xml") || trimmed.startsWith("<")) {
    // Markup whose root is HTML is HTML: Word's and Excel's clipboard HTML carry <w:WordDocument> / x: settings in
    // conditional comments of their <head>. The 2003 XML formats start with their XML declaration.
    if (HTML_ROOT.test(trimmed)) return "html";
    if (head.includes("urn:schemas-microsoft-com:office:spreadsheet") || head.includes('progid="excel.sheet"'))
      return "spreadsheet-2003-xml";
    if (head.includes("<w:worddocument") || head.includes('progid="word.document"')) return "word-2003-xml";
    if (/<(!doctype html|html|table|body|meta|head)\b/.test(trimmed)) return "html";
    if (trimmed.startsWith("<?xml")) return "xml";
  }
  if (trimmed.startsWith("version:") && head.includes("starthtml:")) return "html";
  return "text";
}

/** For an OLE compound file: what it most likely holds, by the stream names in its directory. */
export function oleKind(buf: Uint8Array): "doc" | "xls" | "encrypted" | "unknown" {
  const has = (name: string) => Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes(name, 0, "utf16le");
  if (has("EncryptedPackage")) return "encrypted";
  if (has("WordDocument")) return "doc";
  if (has("Workbook") || has("Book")) return "xls";
  return "unknown";
}

/** A short bilingual description of what a file looks like, for error messages. */
export function describeSniffed(buf: Uint8Array): { zh: string; en: string } {
  const kind = sniff(buf);
  switch (kind) {
    case "empty":
      return { zh: "空文件", en: "an empty file" };
    case "zip":
      return { zh: "zip 压缩包", en: "a zip archive" };
    case "ole": {
      const k = oleKind(buf);
      if (k === "encrypted") return { zh: "设有密码（加密）的 Office 文件", en: "a password-protected Office file" };
      if (k === "doc") return { zh: "旧版 Word 文档（.doc）", en: "an old Word document (.doc)" };
      if (k === "xls") return { zh: "旧版 Excel 工作簿（.xls）", en: "an old Excel workbook (.xls)" };
      return { zh: "旧版 Office 文件（.doc/.xls/.wps/.et）", en: "an old Office file (.doc/.xls/.wps/.et)" };
    }
    case "pdf":
      return { zh: "PDF 文件", en: "a PDF file" };
    case "rtf":
      return { zh: "RTF 文档", en: "an RTF document" };
    case "html":
      return { zh: "网页（HTML）文件", en: "a web page (HTML)" };
    case "spreadsheet-2003-xml":
      return { zh: "Excel 2003 XML 表格", en: "an Excel 2003 XML spreadsheet" };
    case "word-2003-xml":
      return { zh: "Word 2003 XML 文档", en: "a Word 2003 XML document" };
    case "xml":
      return { zh: "XML 文件", en: "an XML file" };
    case "mht":
      return { zh: "单个文件网页（.mht）", en: "a single-file web page (.mht)" };
    case "image":
      return { zh: "图片", en: "an image" };
    case "archive":
      return { zh: "其他压缩包（gz/rar/7z）", en: "another kind of archive (gz/rar/7z)" };
    default:
      return { zh: "文本或未知格式", en: "text or an unknown format" };
  }
}
