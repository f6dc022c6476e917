-- 0003: customers and their structure: locations, employees, cloud containers and
-- workplaces, the contexts bookings will land in (DESIGN.md §1, consumer side).

CREATE TABLE customer (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    currency    TEXT NOT NULL CHECK (length(currency) = 3)
);

CREATE TABLE location (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    UNIQUE (customer_id, name)
);

CREATE TABLE employee (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    location_id INTEGER REFERENCES location (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email       TEXT,
    department  TEXT NOT NULL DEFAULT '',
    cost_centre TEXT NOT NULL DEFAULT ''
);
-- An e-mail address names one employee of a customer.
CREATE UNIQUE INDEX employee_by_email ON employee (customer_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX employee_by_location ON employee (location_id);

CREATE TABLE cloud_container (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customer (id),
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    business_application TEXT NOT NULL DEFAULT '',
    description          TEXT NOT NULL DEFAULT '',
    UNIQUE (customer_id, name)
);

-- A workplace belongs to one employee.
CREATE TABLE workplace (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    UNIQUE (employee_id, name)
);
