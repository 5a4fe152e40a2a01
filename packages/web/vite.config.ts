import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The web app is served by the server at `/`. The initial bundle stays small: React, antd and ECharts each
 * get their own chunk (ECharts is only fetched by the pages that draw charts), and every route is lazy.
 * In development, `/api` is proxied to a server on port 3000 (`JIXIAO_API` to change it).
 */
export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // packages/core is pure (ARCHITECTURE.md: "the domain, no I/O"): what the app does not use of it (the zod
      // input schemas, the tier parser…) is left out of the bundle instead of riding along with the shell.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]core[\\/]src[\\/]/.test(id) },
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 30,
            },
            { name: "echarts", test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 20 },
            {
              name: "antd",
              // antd's shared base (theme, CSS-in-JS, utilities, locales). Its components stay with the pages
              // that use them, so the first load carries only what the shell draws.
              test: /node_modules[\\/](antd[\\/](es|lib)[\\/](config-provider|theme|_util|locale|style|version|app)|@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|react-slick)|@rc-component[\\/]util|@babel[\\/]runtime|dayjs|@emotion|stylis|classnames|clsx)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { "/api": process.env.JIXIAO_API ?? "http://127.0.0.1:3000" },
  },
});
