import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { ApiError, setCsrfToken, setUnauthorizedHandler } from "./api/client.ts";
import { endpoints, type Session, type User } from "./api/endpoints.ts";

// The dialog (antd Form, Input, Modal) loads only when a session expires: the first screen does not carry it.
const ReloginDialog = lazy(() => import("./ReloginDialog.tsx"));

interface Auth {
  /** undefined while the session is being checked. */
  user: User | null | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reads the session again (after a password change). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/**
 * Holds the session. When a request meets a 401 (the session expired) a sign-in dialog opens over the page:
 * the page stays mounted, so whatever was being typed is still there; the request is retried after sign-in.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [relogin, setRelogin] = useState(false);
  const waiters = useRef<{ resolve: () => void; reject: (e: Error) => void }[]>([]);

  const accept = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  useEffect(() => {
    // The sign-in page asks nothing of the session: someone there is signing in (and a 401 for it would only be
    // noise in the console). Anywhere else the session is checked.
    if (window.location.pathname === "/login") {
      setUser(null);
      return;
    }
    endpoints.session().then(accept, () => setUser(null));
  }, [accept]);

  useEffect(() => {
    setUnauthorizedHandler(
      () =>
        new Promise<void>((resolve, reject) => {
          waiters.current.push({ resolve, reject });
          setRelogin(true);
        }),
    );
    return () => setUnauthorizedHandler(undefined);
  }, []);

  // When the user comes back to the tab, check the session: an expiry is met at once (sign-in dialog over the
  // page) instead of at the next save. Not on a timer, which would keep an idle session alive for ever.
  const signedIn = Boolean(user);
  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const check = () => {
      if (document.visibilityState === "hidden" || Date.now() - last < 15_000) return;
      last = Date.now();
      endpoints.session().then(
        (s) => setCsrfToken(s.csrfToken),
        (e: unknown) => {
          if (!isUnauthenticated(e)) return;
          new Promise<void>((resolve, reject) => {
            waiters.current.push({ resolve, reject });
            setRelogin(true);
          }).catch(() => undefined);
        },
      );
    };
    window.addEventListener("focus", check);
    document.addEventListener("visibilitychange", check);
    return () => {
      window.removeEventListener("focus", check);
      document.removeEventListener("visibilitychange", check);
    };
  }, [signedIn]);

  const login = useCallback(
    async (username: string, password: string) => {
      accept(await endpoints.login(username, password));
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await endpoints.logout();
    } finally {
      setCsrfToken(undefined);
      setUser(null);
    }
  }, []);

  const finishRelogin = useCallback((ok: boolean) => {
    setRelogin(false);
    const list = waiters.current.splice(0);
    for (const w of list) ok ? w.resolve() : w.reject(new Error("signed out"));
    if (!ok) setUser(null);
  }, []);

  const refresh = useCallback(async () => {
    accept(await endpoints.session());
  }, [accept]);

  const value = useMemo<Auth>(() => ({ user, login, logout, refresh }), [user, login, logout, refresh]);
  return (
    <AuthContext.Provider value={value}>
      {children}
      {relogin && (
        <Suspense fallback={null}>
          <ReloginDialog open username={user?.username} onDone={(ok) => finishRelogin(ok)} login={login} />
        </Suspense>
      )}
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

export function isUnauthenticated(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}
