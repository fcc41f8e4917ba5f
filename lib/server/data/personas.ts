import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { personas, users, type PersonaRow } from "@/lib/server/db/schema";

// Personas: voices made from clips, shared with the whole team. Written once, when
// the persona task succeeds; the task id is unique, so a repeated answer adds nothing.

export function insertPersonaOnce(values: Omit<PersonaRow, "createdAt"> & { createdAt: Date }): void {
  getDb().insert(personas).values(values).onConflictDoNothing().run();
}

export function getPersonaRow(id: string): PersonaRow | undefined {
  return getDb().select().from(personas).where(eq(personas.id, id)).get();
}

export type PersonaListRow = PersonaRow & { ownerName: string };

/** Newest first; a team has tens of them (see the statement guard's small tables). */
export function listPersonaRows(limit = 200): PersonaListRow[] {
  return getDb()
    .select({ persona: personas, ownerName: users.name })
    .from(personas)
    .innerJoin(users, eq(users.id, personas.ownerId))
    .orderBy(desc(personas.createdAt), desc(personas.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.persona, ownerName: r.ownerName }));
}
