-- 0007: pricing (issue 5). Customer price lists with overrides and discounts for
-- services, valid for a period; price rules that turn a product's cost price into
-- its list price. Money and percentages are exact decimal text, never REAL.

-- A customer's price list. Lists of one customer never overlap in time (checked
-- by the core, which names the clashing list); valid_until NULL = open-ended.
CREATE TABLE price_list (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    valid_from  TEXT NOT NULL,
    valid_until TEXT,
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX price_list_by_customer ON price_list (customer_id, valid_from);

-- A variant's own price for this customer, per offer type: the rental's monthly
-- price, the purchase price, or the leasing's financed amount (per unit).
CREATE TABLE price_list_variant (
    price_list_id INTEGER NOT NULL REFERENCES price_list (id) ON DELETE CASCADE,
    variant_id    INTEGER NOT NULL REFERENCES service_variant (id) ON DELETE CASCADE,
    offer_type    TEXT NOT NULL CHECK (offer_type IN ('rental', 'purchase', 'leasing')),
    amount        TEXT NOT NULL,
    PRIMARY KEY (price_list_id, variant_id, offer_type)
) WITHOUT ROWID;
CREATE INDEX price_list_variant_by_variant ON price_list_variant (variant_id);

-- An option choice's own delta for this customer, per offer type. By code, as
-- the inventory keeps options: saving a service rewrites its option groups
-- (new ids), and the customer's price must survive that. An override whose
-- choice is gone simply matches nothing.
CREATE TABLE price_list_option (
    price_list_id INTEGER NOT NULL REFERENCES price_list (id) ON DELETE CASCADE,
    service_id    INTEGER NOT NULL REFERENCES service (item_id) ON DELETE CASCADE,
    group_code    TEXT NOT NULL,
    choice_code   TEXT NOT NULL,
    offer_type    TEXT NOT NULL CHECK (offer_type IN ('rental', 'purchase', 'leasing')),
    amount        TEXT NOT NULL,
    PRIMARY KEY (price_list_id, service_id, group_code, choice_code, offer_type)
) WITHOUT ROWID;
CREATE INDEX price_list_option_by_service ON price_list_option (service_id);

-- A percentage discount on one service or on every service of a category.
CREATE TABLE price_list_discount (
    id            INTEGER PRIMARY KEY,
    price_list_id INTEGER NOT NULL REFERENCES price_list (id) ON DELETE CASCADE,
    service_id    INTEGER REFERENCES service (item_id) ON DELETE CASCADE,
    category      TEXT,
    percent       TEXT NOT NULL,
    CHECK ((service_id IS NULL) <> (category IS NULL))
);
CREATE UNIQUE INDEX price_list_discount_by_service
    ON price_list_discount (price_list_id, service_id) WHERE service_id IS NOT NULL;
CREATE UNIQUE INDEX price_list_discount_by_category
    ON price_list_discount (price_list_id, category) WHERE category IS NOT NULL;
CREATE INDEX price_list_discount_service ON price_list_discount (service_id);

-- Markup on cost for products: per manufacturer, per category, or the default
-- (scope 'default', key ''). Keys compare without regard to case.
CREATE TABLE price_rule (
    id             INTEGER PRIMARY KEY,
    scope          TEXT NOT NULL CHECK (scope IN ('default', 'category', 'manufacturer')),
    key            TEXT NOT NULL COLLATE NOCASE,
    markup_percent TEXT NOT NULL,
    ending         TEXT NOT NULL CHECK (ending IN ('cents', 'ninety', 'ninety_nine', 'whole')),
    CHECK ((scope = 'default') = (key = '')),
    UNIQUE (scope, key)
);
