import Database from "better-sqlite3";
import { seedLibrary } from "@/tests/bench/seed";

// The database the guard EXPLAINs on: the bench's library (users, providers, tasks,
// clips, media, stars, full-text index) at a size where SQLite's choices match a real
// install's, plus rows in every other table so none of them looks empty to the planner.

const CLIPS = 3000;

export async function seedGuardDatabase(file: string): Promise<void> {
  await seedLibrary({ clips: CLIPS, file });
  const db = new Database(file);
  try {
    db.transaction(() => fillOtherTables(db))();
  } finally {
    db.close();
  }
}

function fillOtherTables(db: Database.Database) {
  const now = Date.now();
  const users = (db.prepare("SELECT id FROM users ORDER BY id").all() as { id: string }[]).map((u) => u.id);
  const tasks = db.prepare("SELECT id, status, created_at AS at FROM tasks").all() as { id: string; status: string; at: number }[];

  // A task's life: queued, a few progress ticks, then its final status.
  const event = db.prepare("INSERT INTO task_events (task_id, at, status, progress, message) VALUES (?, ?, ?, ?, ?)");
  for (const t of tasks) {
    event.run(t.id, t.at, "queued", 0, null);
    for (const progress of [20, 60]) event.run(t.id, t.at + progress * 1000, "running", progress, null);
    if (t.status !== "running") event.run(t.id, t.at + 90_000, t.status, 100, t.status === "failed" ? "Vendor refused" : null);
  }

  const token = db.prepare("INSERT INTO api_tokens (id, user_id, name, token_hash, hint, read_only, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  users.forEach((user, n) => {
    for (let k = 0; k < 1 + (n % 3); k++)
      token.run(`tok-${n}-${k}`, user, `script ${k}`, `hash-${n}-${k}`, `ab${k}${n % 10}`, k % 2, k === 2 ? now + 86_400_000 : null, now - n * 3_600_000);
  });

  const invite = db.prepare("INSERT INTO invites (id, token_hash, role, created_by, created_at, expires_at, used_at, used_by) VALUES (?, ?, 'member', ?, ?, ?, ?, ?)");
  users
    .slice(1)
    .forEach((user, n) => invite.run(`inv-${n}`, `invite-hash-${n}`, users[0], now - (n + 2) * 86_400_000, now - (n + 1) * 86_400_000, now - (n + 1.5) * 86_400_000, user));
  for (let n = 0; n < 5; n++) invite.run(`inv-open-${n}`, `invite-open-${n}`, users[0], now - n * 3_600_000, now + 86_400_000, null, null);

  // Failed sign-ins: a steady trickle from a few addresses, the shape throttling reads.
  const attempt = db.prepare("INSERT INTO login_attempts (key, at) VALUES (?, ?)");
  for (let n = 0; n < 2000; n++) attempt.run(n % 2 ? `ip:203.0.113.${n % 50}` : `email:bench${n % 20}@songloft.test`, now - n * 60_000);

  // Playlists: a few per member, team and private, each with a run of the library's songs.
  const clipIds = (db.prepare("SELECT id FROM clips ORDER BY created_at DESC LIMIT 600").all() as { id: string }[]).map((c) => c.id);
  const playlist = db.prepare("INSERT INTO playlists (id, owner_id, name, visibility, item_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const item = db.prepare("INSERT INTO playlist_items (playlist_id, clip_id, position, added_at, added_by) VALUES (?, ?, ?, ?, ?)");
  users.forEach((user, n) => {
    for (let k = 0; k < 4; k++) {
      const id = `pl-${n}-${k}`;
      const songs = clipIds.slice((n * 4 + k) * 7, (n * 4 + k) * 7 + 40);
      playlist.run(id, user, `Playlist ${k}`, k % 2 ? "private" : "team", songs.length, now - k * 3_600_000, now - k * 60_000);
      songs.forEach((clip, position) => item.run(id, clip, position, now, user));
    }
  });

  db.prepare("INSERT INTO leases (name, holder, expires_at, heartbeat_at) VALUES ('poller', 'guard', ?, ?)").run(now + 30_000, now);
}
