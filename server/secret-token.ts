/**
 * The secrets the app hands out once (API tokens, invitation links): random,
 * shown to their owner once, and kept only as a SHA-256 hash, so a copy of
 * the database lets no one use them.
 */
import { createHash, randomBytes } from "node:crypto";

/** A new secret: a short prefix saying what it is, then 256 random bits. */
export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
