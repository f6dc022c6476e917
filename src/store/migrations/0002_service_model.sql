-- 0002: the rest of the service model: components (ITIL 4: goods, access to
-- resources, service actions) and option groups with priced choices.

CREATE TABLE service_component (
    id                INTEGER PRIMARY KEY,
    service_id        INTEGER NOT NULL REFERENCES service (item_id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('goods', 'resource', 'action')),
    -- goods: a product handed over, so many per unit of the service
    product_id        INTEGER REFERENCES product (item_id),
    quantity_per_unit INTEGER CHECK (quantity_per_unit > 0),
    -- resource / action: what is provided or done ("100 GB mailbox", "patching")
    description       TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'goods') = (product_id IS NOT NULL AND quantity_per_unit IS NOT NULL))
);
CREATE INDEX service_component_by_product ON service_component (product_id);

CREATE TABLE option_group (
    id         INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service (item_id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    selection  TEXT NOT NULL CHECK (selection IN ('single', 'multiple')),
    required   INTEGER NOT NULL CHECK (required IN (0, 1)),
    UNIQUE (service_id, code)
);

-- A group limited to some variants; a group without rows here applies to all.
CREATE TABLE option_group_variant (
    group_id   INTEGER NOT NULL REFERENCES option_group (id) ON DELETE CASCADE,
    variant_id INTEGER NOT NULL REFERENCES service_variant (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, variant_id)
) WITHOUT ROWID;

-- A choice's price deltas per offer type; NULL means no extra charge.
CREATE TABLE option_choice (
    id                   INTEGER PRIMARY KEY,
    group_id             INTEGER NOT NULL REFERENCES option_group (id) ON DELETE CASCADE,
    code                 TEXT NOT NULL,
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    position             INTEGER NOT NULL,
    rental_monthly_delta TEXT,
    purchase_delta       TEXT,
    leasing_amount_delta TEXT,
    UNIQUE (group_id, code)
);
