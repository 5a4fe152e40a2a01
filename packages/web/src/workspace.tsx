import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { endpoints, type FiscalYear, type Org } from "./api/endpoints.ts";
import { useAuth } from "./auth.tsx";

/** The organisation and fiscal year the user is working on, chosen in the header and kept in the browser. */
interface Workspace {
  orgs: Org[];
  years: FiscalYear[];
  orgId: string | undefined;
  year: number;
  setOrgId(id: string): void;
  setYear(year: number): void;
  /** Whether the server answered the lists (false: it does not offer them yet). */
  loaded: boolean;
}

const WorkspaceContext = createContext<Workspace | null>(null);
const ORG_KEY = "jixiao.orgId";
const YEAR_KEY = "jixiao.year";

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not kept
  }
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [years, setYears] = useState<FiscalYear[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [orgId, setOrgIdState] = useState<string | undefined>(stored(ORG_KEY) ?? undefined);
  const [year, setYearState] = useState<number>(Number(stored(YEAR_KEY)) || new Date().getFullYear());

  const { user } = useAuth();
  // An expert sees no organisation (only what is assigned to them): the list is not asked for, so the server does
  // not log a refused request on every page.
  const expertOnly = !!user && user.roles.length > 0 && user.roles.every((r) => r === "expert");
  useEffect(() => {
    let live = true;
    Promise.all([expertOnly ? Promise.resolve({ items: [] as Org[] }) : endpoints.orgs(), endpoints.years()]).then(
      ([o, y]) => {
        if (!live) return;
        setOrgs(o.items);
        setYears(y.items);
        setLoaded(true);
        setOrgIdState((cur) =>
          cur && o.items.some((x) => x.id === cur)
            ? cur
            : o.items.find((x) => !o.items.some((p) => p.id === x.parentId))?.id,
        );
        // A year chosen in this sign-in stays; otherwise the latest year that holds records the user may read
        // (a new fiscal year is still empty), else the current one.
        const withData = y.items.filter((x) => x.hasData).sort((a, b) => b.year - a.year)[0];
        const current = withData ?? y.items.find((x) => x.current) ?? y.items[y.items.length - 1];
        const chosen = Number(stored(YEAR_KEY));
        if (chosen && y.items.some((x) => x.year === chosen)) return;
        // the year opened on is kept like a chosen one, so that every page (and a reload) agrees on it
        if (current) {
          setYearState(current.year);
          store(YEAR_KEY, String(current.year));
        }
      },
      () => live && setLoaded(false),
    );
    return () => {
      live = false;
    };
  }, [expertOnly]);

  const setOrgId = useCallback((id: string) => {
    setOrgIdState(id);
    store(ORG_KEY, id);
  }, []);
  const setYear = useCallback((y: number) => {
    setYearState(y);
    store(YEAR_KEY, String(y));
  }, []);

  const value = useMemo<Workspace>(
    () => ({ orgs, years, orgId, year, setOrgId, setYear, loaded }),
    [orgs, years, orgId, year, setOrgId, setYear, loaded],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const ctx = useContext(WorkspaceContext);
  if (!ctx) throw new Error("useWorkspace outside WorkspaceProvider");
  return ctx;
}

export interface OrgNode {
  value: string;
  title: string;
  children: OrgNode[];
}

/** The flat list as a tree for the switcher (roots: organisations whose parent the user cannot see). */
export function orgTree(orgs: Org[]): OrgNode[] {
  const byId = new Map(orgs.map((o) => [o.id, { value: o.id, title: o.name, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const o of orgs) {
    const node = byId.get(o.id)!;
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
