/**
 * A demo account signed in on a year (and a unit, when given), the start of most page tests: a new page, its
 * script errors collected (with the role, as several people often act in one test), the workspace's lists
 * loaded (the organisation switcher is disabled until then), unit and year chosen.
 */
import type { Page } from "playwright-core";
import type { Harness } from "../harness.ts";
import { waitForWorkspace } from "./duties.ts";
import { Shell } from "./shell.ts";

export async function signedInAt(
  h: Harness,
  role: string,
  at: { org?: string; year: number; errors: string[] },
): Promise<{ page: Page; shell: Shell }> {
  const page = await h.newPage();
  page.on("pageerror", (e) => at.errors.push(`${role}: ${e.message}`));
  const shell = new Shell(page);
  const account = h.accounts[role];
  if (!account) throw new Error(`no demo account for the role ${role}`);
  await shell.signIn(account.username, account.password);
  await waitForWorkspace(page);
  if (at.org) await shell.chooseOrg(at.org);
  await shell.chooseYear(at.year);
  return { page, shell };
}
