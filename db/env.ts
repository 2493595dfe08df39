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
  // Folder of articles loaded at start-up.
  CONTENT_DIR: z.string().min(1).default("./content"),
});

export type DatabaseEnv = z.infer<typeof schema>;

export function readDatabaseEnv(env: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  const parsed = schema.safeParse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    PGLITE_DATA_DIR: env.PGLITE_DATA_DIR || undefined,
    CONTENT_DIR: env.CONTENT_DIR || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
