import Database from "better-sqlite3";
const db = new Database("/tmp/songloft-bench/clips-100000-9a3e510634/songloft.db", { readonly: true });
const users = db.prepare("SELECT id FROM users").all() as { id: string }[];
const st = db.prepare(`SELECT created_at AS createdAt, duration, style FROM clips INDEXED BY clips_owner_live_idx
  WHERE owner_id = @ownerId AND created_at >= @from AND created_at < @to AND deleted_at IS NULL AND state = 'succeeded'`);
// Six months at once: about what one member's busiest month holds in a 1M library (20 members).
const from = Date.UTC(2026, 5, 1), to = Date.UTC(2026, 11, 1);
for (let round = 0; round < 3; round++) {
  let rows = 0; const t0 = performance.now();
  for (const u of users) rows += st.all({ ownerId: u.id, from, to }).length;
  console.log(`round ${round}: ${(rows / users.length).toFixed(0)} songs/member, ${((performance.now() - t0) / users.length).toFixed(2)} ms per member`);
}
const days = db.prepare("SELECT day, owner_id, provider_id, clips FROM usage_days WHERE day BETWEEN ? AND ? AND clips <> 0");
for (let round = 0; round < 3; round++) { const t1 = performance.now(); const n = days.all("2026-09-05", "2026-12-03").length; console.log(`90-day counters: ${n} rows, ${(performance.now() - t1).toFixed(2)} ms`); }
