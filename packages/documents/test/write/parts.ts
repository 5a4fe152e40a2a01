import { openZip } from "../../src/read/zip.ts";

/** An OOXML package's parts, with the times it was written at taken out of docProps/core.xml. */
export function parts(bytes: Uint8Array): Map<string, string> {
  const zip = openZip(bytes, "x.zip");
  const out = new Map<string, string>();
  for (const name of [...zip.entries.keys()].sort()) {
    let text = Buffer.from(zip.read(name)!).toString("base64");
    if (name === "docProps/core.xml")
      text = zip.readText(name)!.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*</g, "$1…<");
    out.set(name, text);
  }
  return out;
}
