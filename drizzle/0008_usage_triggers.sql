-- Usage counters (0007) filled from the rows already there, then kept by triggers:
-- each change to a task or clip takes its old contribution out of its UTC day and
-- month and puts the new one in, so the counters always equal a full recount. A
-- task counts once, as failed while its status is 'failed', and its failure under
-- its error code ('unknown' when none); a clip counts from insert to purge, trashed
-- or not. Updates that change no counted column (progress, polling) skip the work.
INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`, `clips`)
  SELECT `day`, `owner_id`, `provider_id`, sum(`tasks`), sum(`failed_tasks`), sum(`clips`) FROM (
    SELECT strftime('%Y-%m-%d', `created_at` / 1000, 'unixepoch') AS `day`, `owner_id`, `provider_id`, 1 AS `tasks`, `status` = 'failed' AS `failed_tasks`, 0 AS `clips` FROM `tasks`
    UNION ALL
    SELECT strftime('%Y-%m-%d', `created_at` / 1000, 'unixepoch'), `owner_id`, `provider_id`, 0, 0, 1 FROM `clips`
  ) GROUP BY `day`, `owner_id`, `provider_id`;
--> statement-breakpoint
INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`, `clips`)
  SELECT substr(`day`, 1, 7), `owner_id`, `provider_id`, sum(`tasks`), sum(`failed_tasks`), sum(`clips`) FROM `usage_days` GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `usage_failure_days` (`day`, `error_code`, `tasks`)
  SELECT strftime('%Y-%m-%d', `created_at` / 1000, 'unixepoch'), coalesce(`error_code`, 'unknown'), count(*) FROM `tasks` WHERE `status` = 'failed' GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO `usage_failure_months` (`month`, `error_code`, `tasks`)
  SELECT substr(`day`, 1, 7), `error_code`, sum(`tasks`) FROM `usage_failure_days` GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `tasks_usage_after_insert` AFTER INSERT ON `tasks` BEGIN
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m-%d', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1, new.status = 'failed')
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1, new.status = 'failed')
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_failure_days` (`day`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m-%d', new.created_at / 1000, 'unixepoch'), coalesce(new.error_code, 'unknown'), 1 WHERE new.status = 'failed'
    ON CONFLICT (`day`, `error_code`) DO UPDATE SET `tasks` = `tasks` + 1;
  INSERT INTO `usage_failure_months` (`month`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m', new.created_at / 1000, 'unixepoch'), coalesce(new.error_code, 'unknown'), 1 WHERE new.status = 'failed'
    ON CONFLICT (`month`, `error_code`) DO UPDATE SET `tasks` = `tasks` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_usage_after_update` AFTER UPDATE OF `status`, `error_code`, `owner_id`, `provider_id`, `created_at` ON `tasks`
  WHEN (old.status = 'failed') <> (new.status = 'failed') OR old.owner_id <> new.owner_id OR old.provider_id <> new.provider_id
    OR old.created_at <> new.created_at OR (new.status = 'failed' AND coalesce(old.error_code, 'unknown') <> coalesce(new.error_code, 'unknown'))
BEGIN
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m-%d', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1, -(old.status = 'failed'))
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1, -(old.status = 'failed'))
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_failure_days` (`day`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m-%d', old.created_at / 1000, 'unixepoch'), coalesce(old.error_code, 'unknown'), -1 WHERE old.status = 'failed'
    ON CONFLICT (`day`, `error_code`) DO UPDATE SET `tasks` = `tasks` - 1;
  INSERT INTO `usage_failure_months` (`month`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m', old.created_at / 1000, 'unixepoch'), coalesce(old.error_code, 'unknown'), -1 WHERE old.status = 'failed'
    ON CONFLICT (`month`, `error_code`) DO UPDATE SET `tasks` = `tasks` - 1;
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m-%d', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1, new.status = 'failed')
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1, new.status = 'failed')
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_failure_days` (`day`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m-%d', new.created_at / 1000, 'unixepoch'), coalesce(new.error_code, 'unknown'), 1 WHERE new.status = 'failed'
    ON CONFLICT (`day`, `error_code`) DO UPDATE SET `tasks` = `tasks` + 1;
  INSERT INTO `usage_failure_months` (`month`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m', new.created_at / 1000, 'unixepoch'), coalesce(new.error_code, 'unknown'), 1 WHERE new.status = 'failed'
    ON CONFLICT (`month`, `error_code`) DO UPDATE SET `tasks` = `tasks` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_usage_after_delete` AFTER DELETE ON `tasks` BEGIN
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m-%d', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1, -(old.status = 'failed'))
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `tasks`, `failed_tasks`)
    VALUES (strftime('%Y-%m', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1, -(old.status = 'failed'))
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `tasks` = `tasks` + excluded.tasks, `failed_tasks` = `failed_tasks` + excluded.failed_tasks;
  INSERT INTO `usage_failure_days` (`day`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m-%d', old.created_at / 1000, 'unixepoch'), coalesce(old.error_code, 'unknown'), -1 WHERE old.status = 'failed'
    ON CONFLICT (`day`, `error_code`) DO UPDATE SET `tasks` = `tasks` - 1;
  INSERT INTO `usage_failure_months` (`month`, `error_code`, `tasks`)
    SELECT strftime('%Y-%m', old.created_at / 1000, 'unixepoch'), coalesce(old.error_code, 'unknown'), -1 WHERE old.status = 'failed'
    ON CONFLICT (`month`, `error_code`) DO UPDATE SET `tasks` = `tasks` - 1;
END;
--> statement-breakpoint
CREATE TRIGGER `clips_usage_after_insert` AFTER INSERT ON `clips` BEGIN
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m-%d', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1)
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` + 1;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1)
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `clips_usage_after_update` AFTER UPDATE OF `owner_id`, `provider_id`, `created_at` ON `clips`
  WHEN old.owner_id <> new.owner_id OR old.provider_id <> new.provider_id OR old.created_at <> new.created_at
BEGIN
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m-%d', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1)
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` - 1;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1)
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` - 1;
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m-%d', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1)
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` + 1;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m', new.created_at / 1000, 'unixepoch'), new.owner_id, new.provider_id, 1)
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `clips_usage_after_delete` AFTER DELETE ON `clips` BEGIN
  INSERT INTO `usage_days` (`day`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m-%d', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1)
    ON CONFLICT (`day`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` - 1;
  INSERT INTO `usage_months` (`month`, `owner_id`, `provider_id`, `clips`)
    VALUES (strftime('%Y-%m', old.created_at / 1000, 'unixepoch'), old.owner_id, old.provider_id, -1)
    ON CONFLICT (`month`, `owner_id`, `provider_id`) DO UPDATE SET `clips` = `clips` - 1;
END;
