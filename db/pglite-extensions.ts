import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/**
 * The PostgreSQL extensions the migrations create (claim search: trigrams
 * for partial names, unaccent for accents), which PGlite must be given when
 * it opens a database, as PostgreSQL has them installed.
 */
export const pgliteExtensions = { pg_trgm, unaccent };
