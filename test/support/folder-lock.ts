/**
 * One process at a time across the test workers (and test runs sharing a work tree): the lock is a folder, made
 * by mkdir (atomic: one maker wins), with the holder's pid in it. The others wait for the folder's removal — a
 * watch on its parent folder, with a look after the watch is set so a removal before it is not missed — then try
 * again. Used by the builds the tests make once (packages/web/test/browser/harness.ts, ensureBuilt;
 * packages/server/test/support/serve-build.ts).
 *
 * A holder killed mid-hold never removes its folder: a lock whose pid is no longer a live process is removed by the
 * next one to find it, and so is a lock without a pid (its maker killed between mkdir and writing the pid, or a lock
 * of the earlier code) once it is older than a minute. While waiting, the holder's life is looked at again every few
 * seconds: not a poll for the lock (its removal wakes the wait at once), only so a holder killed meanwhile does not
 * leave the waiters waiting forever.
 */
import { watch } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isAlive } from "../../packages/server/src/db/lock.ts";

const PID_FILE = "pid";
/** A lock without a pid older than this is a leftover; the maker writes its pid right after mkdir. */
const NO_PID_STALE_MS = 60_000;
/** How often a waiter looks whether the holder is still alive (see above). */
const HOLDER_CHECK_MS = 5_000;

export async function withFolderLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(lock), { recursive: true });
  while (!(await tryTake(lock))) {
    if (await removeIfStale(lock)) continue;
    await removal(lock);
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function tryTake(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  await writeFile(join(lock, PID_FILE), String(process.pid));
  return true;
}

/** Removes the lock when its holder is gone; true when it removed it (or found it gone). */
async function removeIfStale(lock: string): Promise<boolean> {
  const pid = Number((await readFile(join(lock, PID_FILE), "utf8").catch(() => "")).trim());
  if (pid > 0) {
    if (isAlive(pid)) return false;
  } else {
    const made = (await stat(lock).catch(() => undefined))?.mtimeMs;
    if (made === undefined) return true;
    if (Date.now() - made < NO_PID_STALE_MS) return false;
  }
  await rm(lock, { recursive: true, force: true });
  return true;
}

/** Resolves when the lock folder is gone, or when its holder has died (the caller then removes it). */
function removal(lock: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const name = basename(lock);
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      watcher.close();
      clearInterval(holder);
      if (error) reject(error);
      else resolve();
    };
    const look = () => {
      stat(lock).then(
        () => undefined,
        () => finish(),
      );
    };
    const watcher = watch(dirname(lock), (_event, file) => {
      // some platforms give no name: look in any case
      if (file === null || file === name) look();
    });
    watcher.on("error", finish);
    const holder = setInterval(() => {
      removeIfStale(lock).then((gone) => gone && finish(), finish);
    }, HOLDER_CHECK_MS);
    // the watch is set: a removal from now on is seen; one before it is seen here
    look();
  });
}
