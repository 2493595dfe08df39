import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against the production build, on its own port and a
 * fresh PGlite data directory (or the PostgreSQL of DATABASE_URL), so they
 * never touch a developer's `.data/`. Set E2E_BASE_URL to test a server you
 * started yourself instead.
 */
// E2E_PORT lets two checkouts run their journeys side by side.
const port = Number(process.env.E2E_PORT) || 3100;
const external = process.env.E2E_BASE_URL;
// The config is read again in every worker; keep the first process's choice.
const madeHere: string[] = [];
const temporaryFolder = (prefix: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  madeHere.push(folder, `${folder}.lock`, `${folder}.backup-socket`);
  return folder;
};
process.env.E2E_PGLITE_DIR ??= temporaryFolder("factcheck-e2e-");
// The signed-in browser states and tokens of the suite's people (e2e/people.setup.ts).
process.env.E2E_AUTH_DIR ??= temporaryFolder("factcheck-e2e-auth-");
// Gone when the run ends (the server stopped by then): each run's database is some 40 MB of the temporary folder.
process.once("exit", () => {
  for (const made of madeHere) rmSync(made, { recursive: true, force: true });
});
// Playwright cannot download its browser here; Debian's chromium is used where present.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // The tests share the one article of content/, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: external ?? `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    // Makes the suite's people through the API, before any journey.
    { name: "people", testMatch: /people\.setup\.ts$/ },
    { name: "journeys", dependencies: ["people"] },
  ],
  webServer: external
    ? undefined
    : {
        command: `npm run build && npm run start -- -p ${port} -H 127.0.0.1`,
        url: `http://127.0.0.1:${port}/api/health?ready=1`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
        env: {
          NEXT_TELEMETRY_DISABLED: "1",
          PGLITE_DATA_DIR: process.env.E2E_PGLITE_DIR,
          ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
        },
      },
});
