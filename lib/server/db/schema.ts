import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
// Relative, not "@/": drizzle-kit loads this file without the tsconfig paths.
import { CLIP_STATES, OPEN_TASK_STATUSES, PROTOCOLS, ROLES, TASK_KINDS, TASK_STATUSES, VISIBILITIES, type Capability } from "../../domain";

// Times are epoch milliseconds (Drizzle maps them to Date). Ids are 128-bit random
// strings from lib/server/ids.ts (SEC-3), except env-defined providers, whose ids
// are fixed names (`newapi`, `demo`, …) so configuration and tasks stay readable.

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("member"),
    // The account made at /setup: always an admin, and no other admin may demote or disable it.
    isOwner: integer("is_owner", { mode: "boolean" }).notNull().default(false),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    // Bumped on password change or disable; sessions carrying an older value end (SEC-4).
    sessionVersion: integer("session_version").notNull().default(1),
    locale: text("locale"),
    // "<issuer>|<sub>" of the single sign-on identity linked to this account (null: none).
    // Accounts made by single sign-on have no password: password_hash is "" and never matches.
    oidcSubject: text("oidc_subject"),
    // Songs per UTC day / month (REL-13); null: the team default in settings applies.
    quotaDaily: integer("quota_daily"),
    quotaMonthly: integer("quota_monthly"),
    createdAt: createdAt(),
    lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // At most one owner.
    uniqueIndex("users_one_owner_idx")
      .on(t.isOwner)
      .where(sql`is_owner = 1`),
    uniqueIndex("users_oidc_subject_idx")
      .on(t.oidcSubject)
      .where(sql`oidc_subject IS NOT NULL`),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role", { enum: ROLES }).notNull().default("member"),
    // Optional, normalised: an invite by email also lets that address join by single sign-on.
    email: text("email"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    usedBy: text("used_by").references(() => users.id),
  },
  (t) => [
    index("invites_created_idx").on(t.createdAt),
    index("invites_email_idx")
      .on(t.email)
      .where(sql`email IS NOT NULL`),
  ],
);
export type Invite = typeof invites.$inferSelect;

// A one-time, expiring link an admin made so a member can set a new password (/reset/<token>).
// Only the token's digest is stored, as for invites and API tokens.
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId), index("password_resets_created_by_idx").on(t.createdBy)],
);
export type PasswordResetRow = typeof passwordResets.$inferSelect;

// Team-wide settings an admin changes at run time, one JSON value per key
// (e.g. "quota.daily", "quota.monthly": the default songs per member per period).
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // "email:<address>" or "ip:<address>": one row per failed attempt.
    key: text("key").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  // By key for the limit, by time for the prune that keeps the table small.
  (t) => [index("login_attempts_key_at_idx").on(t.key, t.at), index("login_attempts_at_idx").on(t.at)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    // The last four characters, so a person can tell tokens apart.
    hint: text("hint").notNull(),
    // Read-only tokens may only GET (SEC-16); null expiry means the token lasts until revoked.
    readOnly: integer("read_only", { mode: "boolean" }).notNull().default(false),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;

export const providers = sqliteTable("providers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  protocol: text("protocol", { enum: PROTOCOLS }).notNull(),
  baseUrl: text("base_url").notNull().default(""),
  // AES-256-GCM ciphertext (SEC-8); null for env providers, whose key stays in the environment.
  keyCiphertext: text("key_ciphertext"),
  keyHint: text("key_hint"),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  // The unconfirmed operations an admin switched on for this relay (null: none).
  enabledCapabilities: text("enabled_capabilities", { mode: "json" }).$type<Capability[]>(),
  source: text("source", { enum: ["env", "db"] }).notNull(),
  // The vendor account's balance when its API reports one (null: unknown), as last read,
  // in the vendor's own unit; a warning shows below the admin's threshold.
  balance: real("balance"),
  balanceUnit: text("balance_unit"),
  balanceCheckedAt: integer("balance_checked_at", { mode: "timestamp_ms" }),
  balanceWarnBelow: real("balance_warn_below"),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});
export type ProviderRow = typeof providers.$inferSelect;

// The open statuses' SQL list is written out (not bound) wherever it filters, so
// SQLite matches it to tasks_open_owner_idx below.
export const OPEN_STATUS_LIST = sql.raw(`(${OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(", ")})`);

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    kind: text("kind", { enum: TASK_KINDS }).notNull(),
    // The normalised request (GenerateRequest in lib/schemas.ts), as JSON.
    request: text("request", { mode: "json" }).notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("submitting"),
    progress: integer("progress"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    errorDetails: text("error_details", { mode: "json" }),
    // Lyrics tasks: {title, text}.
    result: text("result", { mode: "json" }),
    vendorTaskId: text("vendor_task_id"),
    vendorStatus: text("vendor_status"),
    rawPayload: text("raw_payload", { mode: "json" }),
    idempotencyKey: text("idempotency_key"),
    callbackSecretHash: text("callback_secret_hash"),
    // Extend lineage: the clip this task continues.
    sourceClipId: text("source_clip_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    nextPollAt: integer("next_poll_at", { mode: "timestamp_ms" }),
    pollCount: integer("poll_count").notNull().default(0),
  },
  (t) => [
    uniqueIndex("tasks_owner_idempotency_idx").on(t.ownerId, t.idempotencyKey),
    index("tasks_owner_created_idx").on(t.ownerId, t.createdAt, t.id),
    // The task history (/tasks): everyone's for admins, and either list filtered by one
    // status (the failed ones, to retry), newest first, without reading other rows.
    index("tasks_created_idx").on(t.createdAt, t.id),
    index("tasks_owner_status_created_idx").on(t.ownerId, t.status, t.createdAt, t.id),
    index("tasks_status_created_idx").on(t.status, t.createdAt, t.id),
    index("tasks_due_idx").on(t.status, t.nextPollAt),
    index("tasks_provider_vendor_idx").on(t.providerId, t.vendorTaskId),
    // A callback is matched by its secret's digest before its body is read (SEC-13).
    index("tasks_callback_secret_idx")
      .on(t.callbackSecretHash)
      .where(sql`callback_secret_hash IS NOT NULL`),
    // Only the tasks still being made, per owner and newest first: /library asks on every
    // view, and this answers from a page or two instead of reading task rows (PERF-3).
    index("tasks_open_owner_idx")
      .on(t.ownerId, t.createdAt, t.id)
      .where(sql`status IN ${OPEN_STATUS_LIST}`),
  ],
);
export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;

export const taskEvents = sqliteTable(
  "task_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    status: text("status").notNull(),
    progress: integer("progress"),
    message: text("message"),
  },
  (t) => [index("task_events_task_idx").on(t.taskId, t.id)],
);
export type TaskEvent = typeof taskEvents.$inferSelect;

export const clips = sqliteTable(
  "clips",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    vendorClipId: text("vendor_clip_id").notNull(),
    title: text("title").notNull().default(""),
    lyrics: text("lyrics"),
    style: text("style"),
    // The task's description (inspiration mode), kept on the clip so search covers it.
    prompt: text("prompt"),
    model: text("model").notNull().default("unknown"),
    vendorModel: text("vendor_model"),
    duration: real("duration"),
    state: text("state", { enum: CLIP_STATES }).notNull().default("queued"),
    errorMessage: text("error_message"),
    audioUrl: text("audio_url"),
    streamAudioUrl: text("stream_audio_url"),
    imageUrl: text("image_url"),
    imageLargeUrl: text("image_large_url"),
    videoUrl: text("video_url"),
    // The vendor's WAV of this clip, once a wav task made one.
    wavUrl: text("wav_url"),
    // A whole song (concat): the app clip ids it joins, oldest first.
    segments: text("segments", { mode: "json" }).$type<string[]>(),
    // Timed lyrics, fetched from the vendor once: [{text, start, end}] in seconds; [] when it had none.
    timedLyrics: text("timed_lyrics", { mode: "json" }).$type<{ text: string; start: number; end: number }[]>(),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull().default("team"),
    parentClipId: text("parent_clip_id"),
    continueAt: real("continue_at"),
    // Position within its task (0, 1): Suno makes two takes per submission.
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("clips_provider_vendor_idx").on(t.providerId, t.vendorClipId),
    index("clips_owner_created_idx").on(t.ownerId, t.createdAt, t.id),
    index("clips_visibility_created_idx").on(t.visibility, t.createdAt, t.id),
    index("clips_task_idx").on(t.taskId),
    index("clips_parent_idx").on(t.parentClipId),
    // The library's walks (lib/server/data/clip-list-sql.ts): live clips newest first,
    // carrying every filter column so a filtered page reads table rows only for the
    // clips it shows, and deleted_at so SQLite sees the index as covering.
    index("clips_owner_live_idx")
      .on(t.ownerId, t.createdAt, t.id, t.visibility, t.state, t.model, t.providerId, t.deletedAt)
      .where(sql`deleted_at IS NULL`),
    index("clips_team_live_idx")
      .on(t.visibility, t.createdAt, t.id, t.state, t.model, t.providerId, t.deletedAt)
      .where(sql`deleted_at IS NULL`),
    index("clips_owner_trash_idx")
      .on(t.ownerId, t.createdAt, t.id)
      .where(sql`deleted_at IS NOT NULL`),
  ],
);
export type ClipRow = typeof clips.$inferSelect;
export type NewClipRow = typeof clips.$inferInsert;

export const mediaFiles = sqliteTable(
  "media_files",
  {
    id: text("id").primaryKey(),
    clipId: text("clip_id")
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["audio", "image", "video", "wav"] }).notNull(),
    sourceUrl: text("source_url").notNull(),
    status: text("status", { enum: ["pending", "archived", "failed"] })
      .notNull()
      .default("pending"),
    // Relative to DATA_DIR/media.
    path: text("path"),
    contentType: text("content_type"),
    size: integer("size"),
    sha256: text("sha256"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("media_clip_kind_idx").on(t.clipId, t.kind),
    index("media_due_idx").on(t.status, t.nextAttemptAt),
    // "Is this clip's audio archived?" for every row of a list, answered from the index
    // alone: one table row fewer to read per clip shown (PERF-3).
    index("media_clip_archived_idx")
      .on(t.clipId, t.kind)
      .where(sql`status = 'archived'`),
  ],
);
export type MediaFile = typeof mediaFiles.$inferSelect;

// A clip's waveform: peaks of its archived audio, worked out once off the request path
// (lib/server/services/waveform-worker.ts). A row of its own, not a column on clips, so
// the hot clips table stays narrow; a row is also the worker's queue entry (pending).
export const clipWaveforms = sqliteTable(
  "clip_waveforms",
  {
    clipId: text("clip_id")
      .primaryKey()
      .references(() => clips.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "ready", "failed"] }).notNull(),
    // One byte per point (0–255, the loudest point 255); null until ready.
    peaks: blob("peaks", { mode: "buffer" }).$type<Buffer>(),
    error: text("error"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  // The worker's "next pending clip", read from the index alone.
  (t) => [
    index("clip_waveforms_pending_idx")
      .on(t.status, t.updatedAt)
      .where(sql`status = 'pending'`),
  ],
);
export type ClipWaveformRow = typeof clipWaveforms.$inferSelect;

export const stars = sqliteTable(
  "stars",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clipId: text("clip_id")
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clipId] }), index("stars_clip_idx").on(t.clipId)],
);

// An audio file a member uploaded to extend or cover. The vendor fetches it from a
// signed, expiring APP_URL link; the file lives under DATA_DIR/uploads.
export const uploads = sqliteTable(
  "uploads",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    contentType: text("content_type").notNull(),
    // Relative to DATA_DIR/uploads.
    path: text("path").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    duration: real("duration"),
    // Where it came from when pasted as a URL.
    sourceUrl: text("source_url"),
    createdAt: createdAt(),
  },
  (t) => [index("uploads_owner_created_idx").on(t.ownerId, t.createdAt)],
);
export type UploadRow = typeof uploads.$inferSelect;
export type NewUploadRow = typeof uploads.$inferInsert;

// A voice made from a clip, shared with the team; written when its persona task succeeds.
export const personas = sqliteTable(
  "personas",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    taskId: text("task_id")
      .notNull()
      .unique()
      .references(() => tasks.id),
    // Null once the clip is purged from the trash; the vendor's persona lives on.
    sourceClipId: text("source_clip_id").references(() => clips.id, { onDelete: "set null" }),
    vendorPersonaId: text("vendor_persona_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: createdAt(),
  },
  // Foreign keys are checked through indexes: purging a clip or removing a provider never scans personas.
  (t) => [
    index("personas_created_idx").on(t.createdAt),
    index("personas_source_idx").on(t.sourceClipId),
    index("personas_provider_idx").on(t.providerId),
    index("personas_owner_idx").on(t.ownerId),
  ],
);
export type PersonaRow = typeof personas.$inferSelect;

// A single row per lease name; whoever holds an unexpired lease runs the poller (REL-6).
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }).notNull(),
});

// Usage counters for /admin/usage, kept by triggers on tasks and clips (drizzle/0007_*)
// so the report reads rows bounded by months × members × providers, never the history.
// A task counts in the UTC day and month it was created; a clip, trashed or not, in
// those it was made, until it is purged. Rows may fall back to all zeros.
const usageCounts = {
  ownerId: text("owner_id").notNull(),
  providerId: text("provider_id").notNull(),
  tasks: integer("tasks").notNull().default(0),
  failedTasks: integer("failed_tasks").notNull().default(0),
  clips: integer("clips").notNull().default(0),
};

export const usageDays = sqliteTable("usage_days", { day: text("day").notNull(), ...usageCounts }, (t) => [primaryKey({ columns: [t.day, t.ownerId, t.providerId] })]);
export type UsageDay = typeof usageDays.$inferSelect;

export const usageMonths = sqliteTable("usage_months", { month: text("month").notNull(), ...usageCounts }, (t) => [primaryKey({ columns: [t.month, t.ownerId, t.providerId] })]);
export type UsageMonth = typeof usageMonths.$inferSelect;

// Failed tasks by error code (null counts as 'unknown'), for "why tasks failed".
export const usageFailureDays = sqliteTable(
  "usage_failure_days",
  { day: text("day").notNull(), errorCode: text("error_code").notNull(), tasks: integer("tasks").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.day, t.errorCode] })],
);
export type UsageFailureDay = typeof usageFailureDays.$inferSelect;

export const usageFailureMonths = sqliteTable(
  "usage_failure_months",
  { month: text("month").notNull(), errorCode: text("error_code").notNull(), tasks: integer("tasks").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.month, t.errorCode] })],
);
export type UsageFailureMonth = typeof usageFailureMonths.$inferSelect;

// Outbound webhooks an admin configured for the team: told when a song finishes or fails.
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    // "slack" (Slack/Discord-compatible {text}) or "standard" (Standard Webhooks, signed).
    format: text("format", { enum: ["slack", "standard"] }).notNull(),
    // AES-256-GCM ciphertext of the signing secret (SEC-8).
    secretCiphertext: text("secret_ciphertext").notNull(),
    // Event types it receives, e.g. ["task.succeeded", "task.failed"].
    events: text("events", { mode: "json" }).notNull().$type<string[]>(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("webhooks_created_by_idx").on(t.createdBy)],
);
export type WebhookRow = typeof webhooks.$inferSelect;

// One delivery of one event to one webhook, retried with backoff until delivered or given up.
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_webhook_created_idx").on(t.webhookId, t.createdAt)],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

// A public link to one clip (/s/<token>): the owner's explicit grant to people outside
// the team (SEC-17). Looked up by the token's digest; the token itself is kept sealed
// (AES-256-GCM, lib/server/crypto.ts) only so the owner can copy the link again.
export const shares = sqliteTable(
  "shares",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    tokenCiphertext: text("token_ciphertext").notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // A share is of one clip or of one playlist, never both (insertShare's ShareSubject).
    // Deleting a clip deletes its shares by cascade. A playlist's shares are deleted by
    // deleteOwnPlaylist in the same transaction: drizzle-kit adds this column without
    // its ON DELETE action, and a CHECK or cascade here would need a table rebuild that
    // its generated copy gets wrong. Either way the links answer 404 at once.
    clipId: text("clip_id").references(() => clips.id, { onDelete: "cascade" }),
    playlistId: text("playlist_id").references((): AnySQLiteColumn => playlists.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    views: integer("views").notNull().default(0),
    lastViewedAt: integer("last_viewed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("shares_owner_created_idx").on(t.ownerId, t.createdAt), index("shares_clip_idx").on(t.clipId), index("shares_playlist_idx").on(t.playlistId)],
);
export type ShareRow = typeof shares.$inferSelect;

// A member's ordered list of songs. Team playlists are seen by every member, private
// ones by their owner only; only the owner changes one. item_count is kept by the
// code that adds and removes items (in the same transaction) so lists never count.
export const playlists = sqliteTable(
  "playlists",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull().default("team"),
    itemCount: integer("item_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  // Both lists walk most recently changed first: mine by owner, the team's by visibility.
  (t) => [index("playlists_owner_updated_idx").on(t.ownerId, t.updatedAt, t.id), index("playlists_visibility_updated_idx").on(t.visibility, t.updatedAt, t.id)],
);
export type PlaylistRow = typeof playlists.$inferSelect;

export const playlistItems = sqliteTable(
  "playlist_items",
  {
    playlistId: text("playlist_id")
      .notNull()
      .references(() => playlists.id, { onDelete: "cascade" }),
    // Purging a clip removes it from every playlist.
    clipId: text("clip_id")
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.playlistId, t.clipId] }),
    index("playlist_items_order_idx").on(t.playlistId, t.position),
    // The cascades from a purged clip and a removed user find their rows through these.
    index("playlist_items_clip_idx").on(t.clipId),
    index("playlist_items_added_by_idx").on(t.addedBy),
  ],
);
export type PlaylistItemRow = typeof playlistItems.$inferSelect;
