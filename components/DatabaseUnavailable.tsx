/**
 * What a page shows while the database cannot be reached, instead of its
 * error page: in production an error boundary gets no message (only a
 * digest), so a page tells this case apart where the error is thrown, with
 * `whenDatabaseUp`, and says so plainly. The page reloads itself every few
 * seconds until the database is back; the editor's unsaved changes stay in
 * the browser meanwhile, and are saved once it is.
 */
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { databaseUnavailableCause, retryAfterSeconds } from "@/lib/database-unavailable";

export function DatabaseUnavailable() {
  return (
    <section role="alert" className="database-unavailable" data-testid="database-unavailable">
      {/* React puts this in the head: the page tries again by itself. */}
      <meta httpEquiv="refresh" content={String(retryAfterSeconds)} />
      <h1>The database cannot be reached</h1>
      <p>The database cannot be reached; your changes are kept and will be saved.</p>
      <p>This page tries again every few seconds.</p>
    </section>
  );
}

/**
 * A page (or `generateMetadata`) that shows `DatabaseUnavailable` (or its
 * `fallback`) when the database cannot be reached, and fails as before for
 * anything else (`notFound()` included).
 */
export function whenDatabaseUp<Props, Result = ReactNode>(
  load: (props: Props) => Promise<Result>,
  fallback: () => Result = () => (<DatabaseUnavailable />) as Result,
): (props: Props) => Promise<Result> {
  return async (props) => {
    try {
      return await load(props);
    } catch (error) {
      const cause = databaseUnavailableCause(error);
      if (!cause) throw error;
      console.error(`database unavailable: ${cause.code} ${cause.message}`);
      return fallback();
    }
  };
}

/** The title of a page whose article cannot be read while the database is away. */
export const unavailableMetadata = (): Metadata => ({ title: "The database cannot be reached" });
