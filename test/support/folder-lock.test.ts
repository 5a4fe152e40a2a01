import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFolderLock } from "./folder-lock.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jixiao-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A promise with its resolver outside, to hold a lock until the test lets it go. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe("withFolderLock", () => {
  it("lets one holder in at a time, the waiters in turn once it lets go, and removes the folder after", async () => {
    const lock = join(dir, ".lock");
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    const release = gate();
    const first = withFolderLock(lock, async () => {
      inside++;
      most = Math.max(most, inside);
      await release.opened;
      order.push(0);
      inside--;
    });
    const others = [1, 2, 3].map((n) =>
      withFolderLock(lock, async () => {
        inside++;
        most = Math.max(most, inside);
        await Promise.resolve();
        order.push(n);
        inside--;
        return n;
      }),
    );
    // the first holds the lock, with its pid in it
    await expect
      .poll(() =>
        stat(join(lock, "pid")).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    expect(order).toEqual([]);
    release.open();
    await first;
    expect(await Promise.all(others)).toEqual([1, 2, 3]);
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3]);
    await expect(stat(lock)).rejects.toThrow();
  });

  it("lets go when the function throws", async () => {
    const lock = join(dir, ".lock");
    await expect(withFolderLock(lock, () => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
    expect(await withFolderLock(lock, async () => "again")).toBe("again");
  });

  it("takes over a lock whose holder is no longer alive", async () => {
    const lock = join(dir, ".lock");
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    await mkdir(lock);
    await writeFile(join(lock, "pid"), String(gone));
    expect(await withFolderLock(lock, async () => "taken")).toBe("taken");
  });

  it("waits for a live holder's lock (here this process's) to be removed, then takes it", async () => {
    const lock = join(dir, ".lock");
    await mkdir(lock);
    await writeFile(join(lock, "pid"), String(process.pid));
    let taken = false;
    const waiting = withFolderLock(lock, async () => {
      taken = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(taken).toBe(false);
    await rm(lock, { recursive: true });
    await waiting;
    expect(taken).toBe(true);
  });
});
