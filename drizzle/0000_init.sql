CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`hint` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `clips` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`vendor_clip_id` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`lyrics` text,
	`style` text,
	`prompt` text,
	`model` text DEFAULT 'unknown' NOT NULL,
	`vendor_model` text,
	`duration` real,
	`state` text DEFAULT 'queued' NOT NULL,
	`error_message` text,
	`audio_url` text,
	`stream_audio_url` text,
	`image_url` text,
	`image_large_url` text,
	`video_url` text,
	`visibility` text DEFAULT 'team' NOT NULL,
	`parent_clip_id` text,
	`continue_at` real,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clips_provider_vendor_idx` ON `clips` (`provider_id`,`vendor_clip_id`);--> statement-breakpoint
CREATE INDEX `clips_owner_created_idx` ON `clips` (`owner_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clips_visibility_created_idx` ON `clips` (`visibility`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clips_task_idx` ON `clips` (`task_id`);--> statement-breakpoint
CREATE INDEX `clips_parent_idx` ON `clips` (`parent_clip_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_token_hash_unique` ON `invites` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invites_created_idx` ON `invites` (`created_at`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_at_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `media_files` (
	`id` text PRIMARY KEY NOT NULL,
	`clip_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_url` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`path` text,
	`content_type` text,
	`size` integer,
	`sha256` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`clip_id`) REFERENCES `clips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `media_clip_kind_idx` ON `media_files` (`clip_id`,`kind`);--> statement-breakpoint
CREATE INDEX `media_due_idx` ON `media_files` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `providers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`protocol` text NOT NULL,
	`base_url` text DEFAULT '' NOT NULL,
	`key_ciphertext` text,
	`key_hint` text,
	`enabled` integer DEFAULT true NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `stars` (
	`user_id` text NOT NULL,
	`clip_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `clip_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`clip_id`) REFERENCES `clips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stars_clip_idx` ON `stars` (`clip_id`);--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`at` integer NOT NULL,
	`status` text NOT NULL,
	`progress` integer,
	`message` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `task_events_task_idx` ON `task_events` (`task_id`,`id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`kind` text NOT NULL,
	`request` text NOT NULL,
	`status` text DEFAULT 'submitting' NOT NULL,
	`progress` integer,
	`error_code` text,
	`error_message` text,
	`error_details` text,
	`result` text,
	`vendor_task_id` text,
	`vendor_status` text,
	`raw_payload` text,
	`idempotency_key` text,
	`callback_secret_hash` text,
	`source_clip_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`submitted_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`next_poll_at` integer,
	`poll_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_owner_idempotency_idx` ON `tasks` (`owner_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `tasks_owner_created_idx` ON `tasks` (`owner_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_due_idx` ON `tasks` (`status`,`next_poll_at`);--> statement-breakpoint
CREATE INDEX `tasks_provider_vendor_idx` ON `tasks` (`provider_id`,`vendor_task_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`locale` text,
	`created_at` integer NOT NULL,
	`last_login_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);