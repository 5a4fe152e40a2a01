/**
 * Exactly one process owns a PGlite data folder (PGlite does not lock it; two processes on one folder lose
 * writes silently). The owner holds `<dataDir>/jixiao.lock` holding its pid and host; a second start fails
 * with a clear message; a lock left by a dead process on this host is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { DomainError } from "@jixiao/core";

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface FolderLock {
  path: string;
  release(): void;
}

/** Whether a process of this machine is running (also one of another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as Partial<LockInfo>;
    if (typeof info.pid !== "number" || typeof info.host !== "string") return undefined;
    return { pid: info.pid, host: info.host, startedAt: String(info.startedAt ?? "") };
  } catch {
    return undefined;
  }
}

export function acquireFolderLock(dataDir: string): FolderLock {
  const path = join(dataDir, "jixiao.lock");
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const now = readLock(path);
          if (now && now.pid === mine.pid && now.host === mine.host) unlinkSync(path);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const held = readLock(path);
    // A lock file we cannot read was being written this instant, or is garbage: a dead writer left it.
    const stale = held === undefined ? attempt > 0 : held.host === mine.host && !isAlive(held.pid);
    if (stale) {
      try {
        unlinkSync(path);
      } catch {}
      continue;
    }
    if (held) {
      throw new DomainError(
        "conflict",
        {
          zh: `数据目录 ${dataDir} 已被另一个进程占用（pid ${held.pid}，主机 ${held.host}，启动于 ${held.startedAt}）。同一数据目录只能由一个进程使用；请先停止该进程，或改用 PostgreSQL（DATABASE_URL）运行多个实例。`,
          en: `The data folder ${dataDir} is in use by another process (pid ${held.pid} on ${held.host}, started ${held.startedAt}). Exactly one process may own a data folder: stop that process first, or use PostgreSQL (DATABASE_URL) to run several instances.`,
        },
        { file: path },
      );
    }
  }
  throw new DomainError(
    "conflict",
    { zh: `无法获取数据目录锁 ${path}`, en: `Could not take the data folder lock ${path}` },
    { file: path },
  );
}
