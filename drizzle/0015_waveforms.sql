CREATE TABLE `clip_waveforms` (
	`clip_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`peaks` blob,
	`error` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clip_id`) REFERENCES `clips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `clip_waveforms_pending_idx` ON `clip_waveforms` (`status`,`updated_at`) WHERE status = 'pending';