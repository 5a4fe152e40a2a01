/** `node template-main.js` (built) or through tsx: make the PGlite template (template.ts) and print its folder. */
import { ensurePgliteTemplate } from "./template.ts";

process.stdout.write(`${await ensurePgliteTemplate()}\n`);
