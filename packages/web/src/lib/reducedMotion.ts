import { useEffect, useState } from "react";

const QUERY = "(prefers-reduced-motion: reduce)";

/**
 * Whether the user asked the system for less motion (prefers-reduced-motion). The app then turns antd's animations
 * off (App.tsx: the theme's `motion` token): dialogs, drawers, dropdowns and messages appear and go at once, and
 * nothing keeps pulsing. The browser tests ask for it too (harness.ts): an open page then draws no frames while it
 * waits, and a click never lands on a menu that is still sliding in or out.
 */
export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => media()?.matches ?? false);
  useEffect(() => {
    const m = media();
    if (!m) return;
    const changed = () => setReduced(m.matches);
    m.addEventListener("change", changed);
    return () => m.removeEventListener("change", changed);
  }, []);
  return reduced;
}

function media(): MediaQueryList | undefined {
  return typeof window !== "undefined" && window.matchMedia ? window.matchMedia(QUERY) : undefined;
}
