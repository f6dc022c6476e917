-- 0004: the inventory: instances booked for a customer, in one context each, with
-- the price terms frozen at booking time, their linked parent and prerequisites,
-- and every lifecycle transition.

CREATE TABLE instance (
    id                 INTEGER PRIMARY KEY,
    customer_id        INTEGER NOT NULL REFERENCES customer (id),
    item_id            INTEGER NOT NULL REFERENCES catalog_item (id),
    variant_id         INTEGER REFERENCES service_variant (id),
    offer_type         TEXT NOT NULL CHECK (offer_type IN ('rental', 'purchase', 'leasing')),
    context            TEXT NOT NULL
                       CHECK (context IN ('employee', 'location', 'cloud_container', 'workplace', 'global')),
    employee_id        INTEGER REFERENCES employee (id),
    location_id        INTEGER REFERENCES location (id),
    cloud_container_id INTEGER REFERENCES cloud_container (id),
    workplace_id       INTEGER REFERENCES workplace (id),
    quantity           INTEGER NOT NULL CHECK (quantity > 0),
    -- The price terms as they were when booked (JSON of LineTerms); later catalog
    -- edits never change what a customer was offered.
    terms              TEXT NOT NULL,
    status             TEXT NOT NULL
                       CHECK (status IN ('planned', 'ordered', 'provisioning', 'active', 'cancelled', 'retired')),
    start_date         TEXT NOT NULL,
    end_date           TEXT,
    parent_id          INTEGER REFERENCES instance (id),
    reason             TEXT NOT NULL,
    CHECK ((context = 'employee') = (employee_id IS NOT NULL)),
    CHECK ((context = 'location') = (location_id IS NOT NULL)),
    CHECK ((context = 'cloud_container') = (cloud_container_id IS NOT NULL)),
    CHECK ((context = 'workplace') = (workplace_id IS NOT NULL))
);
CREATE INDEX instance_by_customer ON instance (customer_id, item_id);
CREATE INDEX instance_by_parent ON instance (parent_id);

CREATE TABLE instance_option (
    instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    group_code  TEXT NOT NULL,
    choice_code TEXT NOT NULL,
    PRIMARY KEY (instance_id, group_code, choice_code)
) WITHOUT ROWID;

-- The basic-service instances an instance depends on.
CREATE TABLE instance_prerequisite (
    instance_id     INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    prerequisite_id INTEGER NOT NULL REFERENCES instance (id),
    PRIMARY KEY (instance_id, prerequisite_id)
) WITHOUT ROWID;
CREATE INDEX instance_prerequisite_by_prerequisite ON instance_prerequisite (prerequisite_id);

CREATE TABLE instance_transition (
    id          INTEGER PRIMARY KEY,
    instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    at          TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
