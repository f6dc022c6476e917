-- 0016: approvals and the history of offers (issue 13, item 6; docs/offers.md).
-- The settings hold three optional approval rules; an offer that breaks one
-- cannot be sent until someone approves it; every offer keeps its history.

-- The approval rules, each optional (NULL: not checked). Exact decimal text.
-- A line's discount below list over this percentage needs approval.
ALTER TABLE settings ADD COLUMN approval_max_discount_percent TEXT;
-- A margin under this percentage (over the lines whose cost is known) needs approval.
ALTER TABLE settings ADD COLUMN approval_min_margin_percent TEXT;
-- A contract value (net) over this amount needs approval.
ALTER TABLE settings ADD COLUMN approval_max_contract_value TEXT;

-- Who approved this version and when; cleared when its lines are planned again.
ALTER TABLE offer ADD COLUMN approved_by TEXT;
ALTER TABLE offer ADD COLUMN approved_at TEXT;

-- The per-unit amount of the line at the catalog's price, before the customer's
-- price list (the rental's monthly price, the purchase price or the leasing's
-- financed amount): what a discount below list is measured against. NULL for
-- lines frozen before this migration: their list amount was not kept.
ALTER TABLE offer_line ADD COLUMN list_unit_amount TEXT;

-- What happened to an offer version, in order: kept as long as the version is.
CREATE TABLE offer_event (
    id       INTEGER PRIMARY KEY,
    offer_id INTEGER NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('created', 'new_version', 'changed', 'replanned',
                                           'approved', 'sent', 'accepted', 'rejected', 'expired')),
    -- Who, where known (the approver).
    by       TEXT
);
CREATE INDEX offer_event_by_offer ON offer_event (offer_id);

-- Existing offers get their history from their data: created (or copied as a new
-- version) when they were, and their status now when it last changed.
INSERT INTO offer_event (offer_id, at, kind)
    SELECT id, created_at, CASE WHEN version = 1 THEN 'created' ELSE 'new_version' END
    FROM offer ORDER BY created_at, id;
INSERT INTO offer_event (offer_id, at, kind)
    SELECT id, status_changed_at, status FROM offer WHERE status <> 'draft'
    ORDER BY status_changed_at, id;
