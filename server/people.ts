/**
 * People and their roles: an admin adds a person (who gets a one-time
 * invitation link to set a password), changes a role, and deactivates a
 * person, whose sessions and tokens then stop working at once. People are
 * never deleted: their claims and history keep their names.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accounts, annotations, apiTokens, invitations, sessions, users } from "@/db/schema";
import { errorCode } from "@/lib/error-codes";
import { maxPasswordLength, minPasswordLength } from "@/lib/limits";
import type { Role } from "@/lib/roles";
import { type NewPersonInput, type PatchPersonInput, userId } from "@/lib/validation";
import type { Actor } from "./actor";
import { accessChanged } from "./access-watch";
import { getAuth } from "./auth";
import { notFound, type Outcome, Refusal, refuse } from "./refusal";
import { hashSecret, newSecret } from "./secret-token";

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

/** How long an invitation link works. */
export const invitationDays = 7;

const personColumns = { id: users.id, email: users.email, name: users.name, role: users.role, active: users.active };

/** Everyone with an account, by name. */
export async function listPeople(actor: Actor): Promise<Outcome<Person[]>> {
  const refused = refuse(actor, "manage_people", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  return db.select(personColumns).from(users).orderBy(asc(users.name), asc(users.email));
}

/** Adds a person with a role; the answer's `token` is their one-time invitation (shown once, kept hashed). */
export async function addPerson(actor: Actor, input: NewPersonInput): Promise<Outcome<{ user: Person; token: string }>> {
  const refused = refuse(actor, "manage_people", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  const token = newSecret("inv");
  const user = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ id: randomUUID(), email: input.email, name: input.name, role: input.role })
      .onConflictDoNothing()
      .returning(personColumns);
    if (!created) return undefined;
    await tx.insert(invitations).values({
      userId: created.id,
      tokenHash: hashSecret(token),
      createdBy: actor.id,
      expiresAt: new Date(Date.now() + invitationDays * 24 * 60 * 60 * 1000),
    });
    return created;
  });
  if (!user) return new Refusal("conflict", errorCode.emailTaken, `Someone with the email ${input.email} already has an account.`);
  return { user, token };
}

/** Who an invitation is for, while it can still be used (for its page). */
export async function invitationFor(token: string): Promise<Person | undefined> {
  const db = await getDb();
  const [row] = await db
    .select(personColumns)
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(eq(invitations.tokenHash, hashSecret(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, new Date()), eq(users.active, true)),
    );
  return row;
}

/**
 * Sets the invited person's password (hashed by better-auth) and uses the
 * invitation up; the caller then signs them in. A used, expired or unknown
 * invitation is not found; a password too short or too long is refused.
 */
export async function acceptInvitation(token: string, password: string): Promise<Outcome<Person>> {
  if (password.length < minPasswordLength || password.length > maxPasswordLength) {
    return new Refusal("invalid", errorCode.weakPassword, `The password must be ${minPasswordLength} to ${maxPasswordLength} characters long.`);
  }
  const db = await getDb();
  const hash = await (await (await getAuth({ secure: false })).$context).password.hash(password);
  const person = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(invitations)
      .set({ usedAt: new Date() })
      .where(and(eq(invitations.tokenHash, hashSecret(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, new Date())))
      .returning({ userId: invitations.userId });
    if (!used) return undefined;
    const [user] = await tx
      .select(personColumns)
      .from(users)
      .where(and(eq(users.id, used.userId), eq(users.active, true)));
    if (!user) return undefined;
    await tx.delete(accounts).where(and(eq(accounts.userId, user.id), eq(accounts.providerId, "credential")));
    await tx.insert(accounts).values({ id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash });
    return user;
  });
  return person ?? notFound("Invitation");
}

/**
 * Changes a person's role or activity. Deactivating ends their sessions and
 * revokes their tokens in the same transaction. The last active admin can
 * be neither demoted nor deactivated (`409`), checked under a lock so that
 * two admins demoting each other at once cannot both succeed.
 */
export async function changePerson(actor: Actor, id: string, change: PatchPersonInput): Promise<Outcome<Person>> {
  const refused = refuse(actor, "manage_people", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Every admin row, locked: the check below sees the others' changes first.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)))
      .for("update");
    const [person] = await tx.select(personColumns).from(users).where(eq(users.id, id)).for("update");
    if (!person) return notFound("Person");
    const staysAdmin = (change.role ?? person.role) === "admin" && (change.active ?? person.active);
    if (person.role === "admin" && person.active && !staysAdmin && admins.every((admin) => admin.id === id)) {
      return new Refusal("conflict", errorCode.lastAdmin, `${person.name} is the last admin: make someone else an admin first.`);
    }
    const [changed] = await tx
      .update(users)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning(personColumns);
    // Open event streams of theirs check again (a role change keeps reading, a deactivation does not).
    await accessChanged(tx, id);
    if (change.active === false) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
    }
    return changed;
  });
}

/** A person as every signed-in person may see them (the page a W3C export's `creator` id names): no email. */
export interface Profile {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  /** Live claims they tagged. */
  claims: number;
}

/** The profile of a user id; undefined for an unknown or malformed one. */
export async function personProfile(id: string): Promise<Profile | undefined> {
  if (!userId.safeParse(id).success) return undefined;
  const db = await getDb();
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      active: users.active,
      claims: count(annotations.id),
    })
    .from(users)
    .leftJoin(annotations, and(eq(annotations.createdById, users.id), isNull(annotations.deletedAt)))
    .where(eq(users.id, id))
    .groupBy(users.id);
  return person;
}
