/**
 * One contender in the data-folder lock race (db/data-folder-lock.test.ts):
 * waits for a line on stdin, tries to take the lock of the folder in argv,
 * prints `won` or `refused`, and holds what it won until stdin closes.
 */
import { createInterface } from "node:readline";
import { acquireDataFolderLock, DataFolderLockedError } from "@/db/data-folder-lock";

const dataDir = process.argv[2];
const lines = createInterface({ input: process.stdin });
console.log("ready");
lines.once("line", () => {
  try {
    const lock = acquireDataFolderLock(dataDir);
    console.log("won");
    lines.once("close", () => lock.release());
  } catch (error) {
    console.log(error instanceof DataFolderLockedError ? "refused" : `failed: ${error}`);
  }
});
