CREATE TABLE `playlist_items` (
	`playlist_id` text NOT NULL,
	`clip_id` text NOT NULL,
	`position` integer NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` text,
	PRIMARY KEY(`playlist_id`, `clip_id`),
	FOREIGN KEY (`playlist_id`) REFERENCES `playlists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`clip_id`) REFERENCES `clips`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `playlist_items_order_idx` ON `playlist_items` (`playlist_id`,`position`);--> statement-breakpoint
CREATE INDEX `playlist_items_clip_idx` ON `playlist_items` (`clip_id`);--> statement-breakpoint
CREATE INDEX `playlist_items_added_by_idx` ON `playlist_items` (`added_by`);--> statement-breakpoint
CREATE TABLE `playlists` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`visibility` text DEFAULT 'team' NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `playlists_owner_updated_idx` ON `playlists` (`owner_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `playlists_visibility_updated_idx` ON `playlists` (`visibility`,`updated_at`,`id`);--> statement-breakpoint
ALTER TABLE `shares` ADD `playlist_id` text REFERENCES playlists(id);--> statement-breakpoint
CREATE INDEX `shares_playlist_idx` ON `shares` (`playlist_id`);