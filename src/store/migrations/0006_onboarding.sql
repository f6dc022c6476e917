-- 0006: onboarding templates: booking requests attached to a department or a
-- location, applied to a new employee in one step.

CREATE TABLE onboarding_template (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    department  TEXT,
    location_id INTEGER REFERENCES location (id),
    -- The steps as JSON (a list of TemplateStep): a template is read and written whole.
    steps       TEXT NOT NULL,
    CHECK ((department IS NULL) <> (location_id IS NULL)),
    UNIQUE (customer_id, name)
);
