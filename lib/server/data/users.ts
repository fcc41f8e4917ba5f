import { and, asc, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, perConnection } from "@/lib/server/db/client";
import { users, type NewUser, type User } from "@/lib/server/db/schema";
import { normaliseEmail } from "@/lib/domain";
import { newId } from "@/lib/server/ids";

/** Creates the owner (an admin with isOwner) only while there is no user at all; undefined otherwise. */
export function insertOwnerIfNone(values: { email: string; name: string; passwordHash: string }): User | undefined {
  return getDb().transaction(
    () => {
      if (hasAnyUser()) return undefined;
      return insertUser({ ...values, role: "admin", isOwner: true });
    },
    { behavior: "immediate" },
  );
}

export function hasOwner(): boolean {
  return getDb().select({ id: users.id }).from(users).where(eq(users.isOwner, true)).limit(1).get() !== undefined;
}

export function hasAnyUser(): boolean {
  return getDb().select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

// Every signed-in request reads its user (SEC-4's session check): prepared once per
// connection, since building the query costs more than running it (PERF-3).
const byId = perConnection((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

export function getUserById(id: string): User | undefined {
  return byId().get({ id });
}

/** Names by id for a set of users, in one statement. */
export function getUserNames(ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all();
  return new Map(rows.map((u) => [u.id, u.name]));
}

export function getUserByEmail(email: string): User | undefined {
  return getDb()
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

/** The account linked to a single sign-on identity ("<issuer>|<sub>"). */
export function getUserByOidcSubject(subject: string): User | undefined {
  return getDb().select().from(users).where(eq(users.oidcSubject, subject)).get();
}

/** Links a single sign-on identity to an account that has none yet; false when it had one meanwhile. */
export function linkOidcSubject(id: string, subject: string): boolean {
  return (
    getDb()
      .update(users)
      .set({ oidcSubject: subject })
      .where(and(eq(users.id, id), isNull(users.oidcSubject)))
      .run().changes === 1
  );
}

export function insertUser(values: Omit<NewUser, "id"> & { id?: string }): User {
  return getDb()
    .insert(users)
    .values({ ...values, id: values.id ?? newId(), email: normaliseEmail(values.email) })
    .returning()
    .get();
}

export function listUsers(): User[] {
  return getDb().select().from(users).orderBy(asc(users.createdAt)).all();
}

export function updateUserName(id: string, name: string) {
  getDb().update(users).set({ name }).where(eq(users.id, id)).run();
}

export function updateUserLocale(id: string, locale: string | null) {
  getDb().update(users).set({ locale }).where(eq(users.id, id)).run();
}

/** Sets a new password hash and ends every existing session of the user (SEC-4). */
export function updateUserPassword(id: string, passwordHash: string): User {
  return getDb()
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning()
    .get();
}

// Both writes skip the owner in the statement itself, so a check that raced a change of owner still cannot touch it.
export function setUserDisabled(id: string, disabled: boolean) {
  getDb()
    .update(users)
    .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(disabled ? and(eq(users.id, id), eq(users.isOwner, false)) : eq(users.id, id))
    .run();
}

export function setUserRole(id: string, role: User["role"]) {
  getDb()
    .update(users)
    .set({ role })
    .where(role === "admin" ? eq(users.id, id) : and(eq(users.id, id), eq(users.isOwner, false)))
    .run();
}

export function recordLogin(id: string) {
  getDb().update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id)).run();
}

/** Active admins other than the given user: the last admin may not be demoted or disabled. */
export function countOtherActiveAdmins(exceptUserId: string): number {
  return (
    getDb()
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, exceptUserId)))
      .get()?.n ?? 0
  );
}
