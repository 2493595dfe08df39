/**
 * Personal API tokens, for scripts: a signed-in person creates one (shown
 * once, stored hashed) and revokes it; `Authorization: Bearer <token>` then
 * acts as them, with their role, until it is revoked or they are
 * deactivated.
 */
import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { Role } from "@/lib/roles";
import type { Actor } from "./actor";
import { accessChanged } from "./access-watch";
import { notFound, type Outcome } from "./refusal";
import { hashSecret, newSecret } from "./secret-token";

export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A new token of the actor's; its secret is in the answer only. */
export async function createToken(actor: Actor, name: string): Promise<{ id: string; token: string }> {
  const token = newSecret("fca");
  const db = await getDb();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: actor.id, name, tokenHash: hashSecret(token) })
    .returning({ id: apiTokens.id });
  return { id: row.id, token };
}

/** The actor's tokens that still work, newest first (never their secrets). */
export async function listTokens(actor: Actor): Promise<TokenSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null }));
}

/** Revokes one of the actor's own tokens; another's, or one already revoked, is not found. */
export async function revokeToken(actor: Actor, id: string): Promise<Outcome<null>> {
  const db = await getDb();
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) return notFound("Token");
  await accessChanged(db, actor.id);
  return null;
}

/** The person a token acts for, or null for an unknown or revoked token or a deactivated person. */
export async function userOfToken(token: string): Promise<Actor | null> {
  if (!token) return null;
  const db = await getDb();
  const [row] = await db
    .select({ tokenId: apiTokens.id, id: users.id, name: users.name, email: users.email, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt), eq(users.active, true)));
  if (!row) return null;
  // When it was last used, to the minute (a write per minute, not per request).
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  return { id: row.id, name: row.name, email: row.email, role: row.role as Role };
}
