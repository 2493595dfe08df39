/** Next's start-up hook: runs once when the server starts, before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await (await import("./db/backup-socket")).serveBackups();
}
