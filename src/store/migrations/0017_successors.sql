-- 0017: successor services (issue 13, item 4). A catalog item names the items
-- that take its place when it goes out of service (Managed365 2024 → Managed365
-- 2026; a notebook model → the next), in the order they are suggested. The
-- catalog rules keep them sensible (same kind, active, no cycle); the
-- inventory shows "successor available" on instances of a deprecated or
-- discontinued item.
CREATE TABLE item_successor (
    item_id      INTEGER NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
    -- No cascade: an item named as a successor is not deleted (the designer
    -- refuses it, like a linked item).
    successor_id INTEGER NOT NULL REFERENCES catalog_item (id),
    position     INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (item_id, successor_id),
    CHECK (item_id <> successor_id)
) WITHOUT ROWID;
-- Who names this item as successor (the model map, the referrers of a delete).
CREATE INDEX item_successor_by_successor ON item_successor (successor_id);
