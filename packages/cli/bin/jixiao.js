#!/usr/bin/env node
// The jixiao command runs from the TypeScript sources through tsx: `npx jixiao` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
