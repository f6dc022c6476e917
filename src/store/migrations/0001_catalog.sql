-- 0001: the catalog. Every product, service and add-on is a catalog item with a
-- code that is unique across the catalog; references between items (requirements,
-- links, add-on targets) point at catalog items and are checked by foreign keys.
-- Money is stored as exact decimal text, never REAL.

CREATE TABLE catalog_item (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('product', 'service', 'basic_service', 'add_on')),
    code        TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    category    TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'deprecated', 'retired', 'discontinued'))
);
CREATE INDEX catalog_item_by_kind ON catalog_item (kind, name);

-- Where an item may be booked.
CREATE TABLE item_context (
    item_id INTEGER NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
    context TEXT NOT NULL
            CHECK (context IN ('employee', 'location', 'cloud_container', 'workplace', 'global')),
    PRIMARY KEY (item_id, context)
) WITHOUT ROWID;

CREATE TABLE product (
    item_id                  INTEGER PRIMARY KEY REFERENCES catalog_item (id) ON DELETE CASCADE,
    manufacturer             TEXT NOT NULL,
    manufacturer_part_number TEXT NOT NULL,
    ean                      TEXT,
    cost_price               TEXT,
    list_price               TEXT NOT NULL,
    currency                 TEXT NOT NULL CHECK (length(currency) = 3),
    tax_rate                 TEXT NOT NULL,
    stock_status             TEXT NOT NULL DEFAULT 'unknown'
                             CHECK (stock_status IN ('in_stock', 'low_stock', 'out_of_stock', 'on_order', 'unknown')),
    source                   TEXT NOT NULL DEFAULT 'custom',
    source_key               TEXT,
    UNIQUE (source, source_key)
);
CREATE INDEX product_by_ean ON product (ean);
CREATE INDEX product_by_part_number ON product (manufacturer_part_number);

CREATE TABLE service (
    item_id  INTEGER PRIMARY KEY REFERENCES catalog_item (id) ON DELETE CASCADE,
    unit     TEXT NOT NULL
             CHECK (unit IN ('per_employee', 'per_device', 'per_location', 'per_vm', 'per_workplace', 'flat')),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    tax_rate TEXT NOT NULL
);

CREATE TABLE service_variant (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES service (item_id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    setup_fee   TEXT,
    UNIQUE (service_id, code)
);

-- The offer types a variant allows, one table per type so that every stored
-- term is complete.
CREATE TABLE rental_terms (
    variant_id            INTEGER PRIMARY KEY REFERENCES service_variant (id) ON DELETE CASCADE,
    monthly_price         TEXT NOT NULL,
    minimum_term_months   INTEGER NOT NULL CHECK (minimum_term_months >= 0),
    notice_period_months  INTEGER NOT NULL CHECK (notice_period_months >= 0),
    renewal_period_months INTEGER NOT NULL CHECK (renewal_period_months >= 0)
);

CREATE TABLE purchase_terms (
    variant_id INTEGER PRIMARY KEY REFERENCES service_variant (id) ON DELETE CASCADE,
    price      TEXT NOT NULL
);

CREATE TABLE leasing_terms (
    variant_id             INTEGER PRIMARY KEY REFERENCES service_variant (id) ON DELETE CASCADE,
    financed_amount        TEXT NOT NULL,
    term_months            INTEGER NOT NULL CHECK (term_months > 0),
    leasing_factor_percent TEXT NOT NULL,
    residual_value_percent TEXT NOT NULL
);

-- A service or product that needs a basic service before it can be booked.
CREATE TABLE requirement (
    item_id          INTEGER NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
    basic_service_id INTEGER NOT NULL REFERENCES service (item_id),
    scope            TEXT NOT NULL CHECK (scope IN ('customer', 'same_context')),
    PRIMARY KEY (item_id, basic_service_id)
) WITHOUT ROWID;

-- A service or product booked with (mandatory) or offered with (optional) another.
CREATE TABLE item_link (
    parent_id     INTEGER NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
    child_id      INTEGER NOT NULL REFERENCES catalog_item (id),
    mode          TEXT NOT NULL CHECK (mode IN ('mandatory', 'optional')),
    quantity_rule TEXT NOT NULL CHECK (quantity_rule IN ('per_parent_unit', 'fixed')),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (parent_id, child_id)
) WITHOUT ROWID;
CREATE INDEX item_link_by_child ON item_link (child_id);

CREATE TABLE add_on (
    item_id        INTEGER PRIMARY KEY REFERENCES catalog_item (id) ON DELETE CASCADE,
    one_time_price TEXT NOT NULL,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    tax_rate       TEXT NOT NULL
);

CREATE TABLE add_on_target (
    add_on_id INTEGER NOT NULL REFERENCES add_on (item_id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES catalog_item (id),
    PRIMARY KEY (add_on_id, target_id)
) WITHOUT ROWID;
CREATE INDEX add_on_target_by_target ON add_on_target (target_id);
