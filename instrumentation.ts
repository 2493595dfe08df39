/**
 * Next calls `register()` once when the server starts (not in `next build`),
 * before it answers any request: the moment to open the database, so that a
 * second server on the same PGlite folder is refused at once rather than on
 * its first request, to take over SIGTERM and SIGINT, and to offer backups.
 */
export async function register() {
  // The Edge runtime has neither the database nor signals.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./instrumentation-node");
  await startServer();
}
