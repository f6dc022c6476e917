-- 0014: a feed only touches what it owns (issue 11, docs/master-data-import.md,
-- "Sources, catalogs and discontinuation").
--
-- Each supplier offer remembers the catalog that last delivered it: for BMEcat
-- `bmecat:` and the header's CATALOG_ID, for tables the file kind (`csv`,
-- `xlsx`). A full feed discontinues only the active offers of its own source
-- and catalog. Offers written before this migration by a CSV or XLSX import
-- take that run's format; those of a BMEcat import (whose CATALOG_ID was not
-- kept) and those never imported keep '' (unknown): no full feed discontinues
-- them until a feed names them again and they take its catalog.
ALTER TABLE supplier_offer ADD COLUMN catalog TEXT NOT NULL DEFAULT '';
UPDATE supplier_offer
    SET catalog = (SELECT r.format FROM import_run r WHERE r.id = supplier_offer.import_run_id)
    WHERE import_run_id IN (SELECT id FROM import_run WHERE format IN ('csv', 'xlsx'));

-- The run's catalog (to find the last full import of a source's catalog), and
-- what it did about discontinuation and why (JSON of master::Discontinuation;
-- NULL for runs before this migration).
ALTER TABLE import_run ADD COLUMN catalog TEXT NOT NULL DEFAULT '';
UPDATE import_run SET catalog = format WHERE format IN ('csv', 'xlsx');
ALTER TABLE import_run ADD COLUMN discontinuation TEXT;
ALTER TABLE import_run ADD COLUMN discontinued_not_kept INTEGER NOT NULL DEFAULT 0;

-- A rejected row's key at the supplier, when it could be read (it kept its
-- offer alive in a full feed).
ALTER TABLE import_problem ADD COLUMN source_key TEXT;

-- The offers a run discontinued (the first 1,000; the rest are counted in
-- import_run.discontinued_not_kept): missing from a full feed, or deleted by it.
CREATE TABLE import_discontinued (
    run_id     INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    source_key TEXT NOT NULL,
    name       TEXT NOT NULL,
    why        TEXT NOT NULL CHECK (why IN ('missing', 'deleted')),
    PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
