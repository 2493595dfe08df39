import { z } from "zod";

/**
 * The settings the data layer reads from the environment, parsed once.
 * `DATABASE_URL` switches from the embedded PGlite to a PostgreSQL server.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  // Where PGlite keeps its files; "memory://" keeps them in memory (tests).
  PGLITE_DATA_DIR: z.string().min(1).default("./.data/pglite"),
  // A dump of a migrated PGlite (its `dumpDataDir()`) that an in-memory
  // database starts from instead of a new cluster: test/global-setup.ts makes
  // one, so that each test file skips PGlite's initdb (about 2 s).
  PGLITE_TEMPLATE: z.string().min(1).optional(),
  // Folder of articles loaded at start-up.
  CONTENT_DIR: z.string().min(1).default("./content"),
});

export type DatabaseEnv = z.infer<typeof schema>;

export function readDatabaseEnv(env: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  const parsed = schema.safeParse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    PGLITE_DATA_DIR: env.PGLITE_DATA_DIR || undefined,
    PGLITE_TEMPLATE: env.PGLITE_TEMPLATE || undefined,
    CONTENT_DIR: env.CONTENT_DIR || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/**
 * Where exports point. `PUBLIC_URL` is the app's own address as readers
 * reach it (ids and links in W3C exports are built on it, so they stay the
 * same whichever host name a request came in on; the request's origin when
 * unset). ClaimReview exports are built on the publishing settings an admin
 * keeps in the database instead (lib/settings.ts).
 */
const exportSchema = z.object({
  PUBLIC_URL: httpUrl.transform((url) => new URL(url).origin).optional(),
});

export type ExportEnv = z.infer<typeof exportSchema>;

export function readExportEnv(env: NodeJS.ProcessEnv = process.env): ExportEnv {
  const parsed = exportSchema.safeParse({
    PUBLIC_URL: env.PUBLIC_URL || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The app's own origin from `PUBLIC_URL`, or undefined when it is unset. */
export function readPublicOrigin(env: Partial<NodeJS.ProcessEnv> = process.env): string | undefined {
  const parsed = exportSchema.shape.PUBLIC_URL.safeParse(env.PUBLIC_URL || undefined);
  if (!parsed.success) throw new Error(`Invalid environment: PUBLIC_URL ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Whether the benchmark's control routes answer (`BENCH_STREAM_CONTROL=1`,
 * set only by `npm run bench` on its own servers): a bare event stream and
 * a memory reading, to tell Next's own cost of an open stream from the
 * app's. Anywhere else they answer 404.
 */
export function benchControlEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BENCH_STREAM_CONTROL === "1";
}
