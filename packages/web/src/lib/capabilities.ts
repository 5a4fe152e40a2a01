/**
 * What the server offers, read once from its OpenAPI document: a page shows a feature whose route is not there
 * yet as disabled, with a message, instead of failing when it is used.
 */
let paths: Promise<Set<string>> | undefined;

export function serverPaths(): Promise<Set<string>> {
  paths ??= fetch("/api/openapi.json", { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, unknown> }) => new Set(Object.keys(doc.paths ?? {})))
    .catch(() => new Set<string>());
  return paths;
}
