import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside Next's server bundle; tests run on the server anyway.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    include: ["{lib,db,server,app,components}/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    env: { PGLITE_DATA_DIR: "memory://", NEXT_TELEMETRY_DISABLED: "1" },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
