ALTER TABLE `api_tokens` ADD `read_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
CREATE INDEX `tasks_callback_secret_idx` ON `tasks` (`callback_secret_hash`) WHERE callback_secret_hash IS NOT NULL;