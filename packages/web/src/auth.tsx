import { App as AntApp, Button, Form, Input, Modal } from "antd";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, setCsrfToken, setUnauthorizedHandler } from "./api/client.ts";
import { endpoints, type Session, type User } from "./api/endpoints.ts";
import { useI18n } from "./i18n.tsx";
import { describeError } from "./lib/errors.ts";

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
      <ReloginDialog open={relogin} username={user?.username} onDone={(ok) => finishRelogin(ok)} login={login} />
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

function ReloginDialog(props: {
  open: boolean;
  username: string | undefined;
  onDone(ok: boolean): void;
  login(u: string, p: string): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={props.open}
      title={t("login.title")}
      footer={null}
      maskClosable={false}
      onCancel={() => props.onDone(false)}
      destroyOnHidden
    >
      <p>{t("login.expired")}</p>
      <Form
        layout="vertical"
        initialValues={{ username: props.username }}
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          try {
            await props.login(props.username ?? v.username, v.password);
            props.onDone(true);
          } catch (e) {
            message.error(describeError(e, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t("login.username")} rules={[{ required: true }]}>
          <Input autoComplete="username" disabled={Boolean(props.username)} data-testid="relogin-username" />
        </Form.Item>
        <Form.Item name="password" label={t("login.password")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus data-testid="relogin-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="relogin-submit">
          {t("login.submit")}
        </Button>
      </Form>
    </Modal>
  );
}

export function isUnauthenticated(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}
