-- Full-text search over clips (title, lyrics, style, prompt). The trigram tokenizer
-- matches substrings, so Chinese text without spaces is searchable; queries shorter
-- than three characters fall back to LIKE in the data layer. The FTS row shares the
-- clip's rowid; the clip id is stored too so results never depend on rowids alone.
CREATE VIRTUAL TABLE `clips_fts` USING fts5(clip_id UNINDEXED, title, lyrics, style, prompt, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `clips_fts` (rowid, clip_id, title, lyrics, style, prompt)
  SELECT rowid, id, title, coalesce(lyrics, ''), coalesce(style, ''), coalesce(prompt, '') FROM `clips`;
--> statement-breakpoint
CREATE TRIGGER `clips_fts_after_insert` AFTER INSERT ON `clips` BEGIN
  INSERT INTO `clips_fts` (rowid, clip_id, title, lyrics, style, prompt)
  VALUES (new.rowid, new.id, new.title, coalesce(new.lyrics, ''), coalesce(new.style, ''), coalesce(new.prompt, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `clips_fts_after_update` AFTER UPDATE OF title, lyrics, style, prompt ON `clips` BEGIN
  DELETE FROM `clips_fts` WHERE rowid = old.rowid;
  INSERT INTO `clips_fts` (rowid, clip_id, title, lyrics, style, prompt)
  VALUES (new.rowid, new.id, new.title, coalesce(new.lyrics, ''), coalesce(new.style, ''), coalesce(new.prompt, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `clips_fts_after_delete` AFTER DELETE ON `clips` BEGIN
  DELETE FROM `clips_fts` WHERE rowid = old.rowid;
END;
