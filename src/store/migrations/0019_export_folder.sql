-- 0019: the folder offers are exported to (issue 14, item 6). It belongs to the
-- database, not to the web view: another database starts without this one's
-- folder. NULL until the first export.
ALTER TABLE settings ADD COLUMN export_folder TEXT;
