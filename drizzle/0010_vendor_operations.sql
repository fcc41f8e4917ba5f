CREATE TABLE `personas` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`task_id` text NOT NULL,
	`source_clip_id` text,
	`vendor_persona_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_clip_id`) REFERENCES `clips`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `personas_task_id_unique` ON `personas` (`task_id`);--> statement-breakpoint
CREATE INDEX `personas_created_idx` ON `personas` (`created_at`);--> statement-breakpoint
CREATE INDEX `personas_source_idx` ON `personas` (`source_clip_id`);--> statement-breakpoint
CREATE INDEX `personas_provider_idx` ON `personas` (`provider_id`);--> statement-breakpoint
CREATE INDEX `personas_owner_idx` ON `personas` (`owner_id`);--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`content_type` text NOT NULL,
	`path` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`duration` real,
	`source_url` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `uploads_owner_created_idx` ON `uploads` (`owner_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `clips` ADD `wav_url` text;--> statement-breakpoint
ALTER TABLE `clips` ADD `segments` text;--> statement-breakpoint
ALTER TABLE `clips` ADD `timed_lyrics` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `enabled_capabilities` text;