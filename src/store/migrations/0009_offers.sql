-- 0009: offers and documents (issue 5). The company's settings for documents, and
-- offers: a number (ANG-2026-0001) with versions, a status, a validity date, the
-- booking plans that produced them (JSON, applied when the offer is accepted) and
-- their lines frozen as they were priced. Money is exact decimal text, never REAL.

-- The sender of every document. One row.
CREATE TABLE settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    company_name          TEXT NOT NULL DEFAULT '',
    -- Street, postal code and city, one per line.
    address               TEXT NOT NULL DEFAULT '',
    vat_id                TEXT NOT NULL DEFAULT '',
    bank                  TEXT NOT NULL DEFAULT '',
    contact               TEXT NOT NULL DEFAULT '',
    default_validity_days INTEGER NOT NULL DEFAULT 30
                          CHECK (default_validity_days BETWEEN 1 AND 365),
    logo_path             TEXT,
    language              TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en'))
);
INSERT INTO settings (id) VALUES (1);

-- One version of an offer. Versions of one offer share its number; `seq` is the
-- number's running count within `year`.
CREATE TABLE offer (
    id                INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    year              INTEGER NOT NULL,
    seq               INTEGER NOT NULL CHECK (seq > 0),
    number            TEXT NOT NULL,
    version           INTEGER NOT NULL CHECK (version > 0),
    status            TEXT NOT NULL
                      CHECK (status IN ('draft', 'sent', 'accepted', 'rejected', 'expired')),
    currency          TEXT NOT NULL CHECK (length(currency) = 3),
    offer_date        TEXT NOT NULL,
    valid_until       TEXT NOT NULL,
    notes             TEXT NOT NULL DEFAULT '',
    -- JSON array of BookingPlan, in the order they are applied on acceptance.
    plans             TEXT NOT NULL,
    previous_id       INTEGER REFERENCES offer (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    status_changed_at TEXT NOT NULL,
    UNIQUE (number, version),
    UNIQUE (year, seq, version),
    CHECK (valid_until >= offer_date)
);
CREATE INDEX offer_by_customer ON offer (customer_id);

-- The context groups of an offer in the order the document shows them.
CREATE TABLE offer_group (
    offer_id  INTEGER NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    -- JSON of ContextRef, e.g. {"context":"employee","id":3}.
    context   TEXT NOT NULL,
    label     TEXT NOT NULL,
    PRIMARY KEY (offer_id, position),
    UNIQUE (offer_id, context)
) WITHOUT ROWID;

-- A priced line, frozen: what the customer was offered stays as it was.
CREATE TABLE offer_line (
    offer_id    INTEGER NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    context     TEXT NOT NULL,
    item_code   TEXT NOT NULL,
    description TEXT NOT NULL,
    variant     TEXT,
    -- JSON array of ChosenOption.
    options     TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    offer_type  TEXT NOT NULL CHECK (offer_type IN ('rental', 'purchase', 'leasing')),
    -- JSON of LineTerms and of UnitCost (internal; NULL when unknown).
    terms       TEXT NOT NULL,
    unit_cost   TEXT,
    one_time    TEXT NOT NULL,
    monthly     TEXT NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (offer_id, position),
    FOREIGN KEY (offer_id, context) REFERENCES offer_group (offer_id, context) ON DELETE CASCADE
) WITHOUT ROWID;
