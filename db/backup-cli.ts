/**
 * `npm run db:backup [FILE | FOLDER/]` and `npm run db:restore FILE`: the
 * database of DATABASE_URL, or else the PGlite folder of PGLITE_DATA_DIR
 * (`./.data/pglite`). See db/backup.ts.
 */
import { backupDatabase, BackupError, backupPath, type DatabaseTarget, restoreDatabase } from "./backup";
import { DataFolderLockedError } from "./data-folder-lock";
import { readDatabaseEnv } from "./env";

async function main([command, file]: string[]): Promise<string> {
  const env = readDatabaseEnv();
  const target: DatabaseTarget = env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.PGLITE_DATA_DIR };
  const where = target.kind === "pglite" ? `the PGlite folder ${target.dataDir}` : "the PostgreSQL database of DATABASE_URL";
  if (command === "backup") {
    const to = backupPath(file);
    const source = await backupDatabase(target, to);
    return `Backed up ${where}${source === "server" ? ", through the server that has it open," : ""} to ${to}`;
  }
  if (command === "restore" && file) {
    await restoreDatabase(target, file);
    return `Restored ${file} into ${where}`;
  }
  throw new BackupError("Usage: npm run db:backup [FILE | FOLDER/]  or  npm run db:restore FILE");
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    if (error instanceof BackupError || error instanceof DataFolderLockedError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  },
);
