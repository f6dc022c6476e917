-- 0005: add-ons ordered for existing instances: one-time charges with the price
-- frozen when ordered.

CREATE TABLE instance_add_on (
    id          INTEGER PRIMARY KEY,
    instance_id INTEGER NOT NULL REFERENCES instance (id),
    add_on_id   INTEGER NOT NULL REFERENCES add_on (item_id),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    unit_price  TEXT NOT NULL,
    currency    TEXT NOT NULL,
    tax_rate    TEXT NOT NULL,
    ordered_on  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX instance_add_on_by_instance ON instance_add_on (instance_id);
