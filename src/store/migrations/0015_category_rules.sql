-- 0015: category rules (issue 11, docs/category-rules.md). An imported product
-- states no booking context and no linked item of its own; the rule that governs
-- it does: matched by the product's category and manufacturer (case-insensitive),
-- the most specific rule wins (category + manufacturer, then category, then
-- manufacturer, then the default rule, which names neither). The product
-- remembers its rule (product.category_rule_id): assigned on import, reassigned
-- set-based when a rule is created, changed or deleted. Contexts and links are
-- read through the rule, so changing what a rule allows writes no product row.

CREATE TABLE category_rule (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    -- '' when the rule matches any manufacturer.
    manufacturer TEXT NOT NULL DEFAULT '' COLLATE NOCASE
);

-- The category names a rule matches; a rule without rows here matches by
-- manufacturer only, or (no manufacturer either) is the default rule.
CREATE TABLE category_rule_category (
    rule_id  INTEGER NOT NULL REFERENCES category_rule (id) ON DELETE CASCADE,
    category TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(category)) > 0),
    PRIMARY KEY (rule_id, category)
) WITHOUT ROWID;
CREATE INDEX category_rule_category_by_name ON category_rule_category (category);

-- Where the rule's products may be booked.
CREATE TABLE category_rule_context (
    rule_id INTEGER NOT NULL REFERENCES category_rule (id) ON DELETE CASCADE,
    context TEXT NOT NULL
            CHECK (context IN ('employee', 'location', 'cloud_container', 'workplace', 'global')),
    PRIMARY KEY (rule_id, context)
) WITHOUT ROWID;

-- What comes with each of the rule's products, like item_link.
CREATE TABLE category_rule_link (
    rule_id       INTEGER NOT NULL REFERENCES category_rule (id) ON DELETE CASCADE,
    child_id      INTEGER NOT NULL REFERENCES catalog_item (id),
    mode          TEXT NOT NULL CHECK (mode IN ('mandatory', 'optional')),
    quantity_rule TEXT NOT NULL CHECK (quantity_rule IN ('per_parent_unit', 'fixed')),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (rule_id, child_id)
) WITHOUT ROWID;
CREATE INDEX category_rule_link_by_child ON category_rule_link (child_id);

-- The rule that governs a product: NULL when the product has booking contexts
-- of its own (made or edited in the designer), or when no rule matches it.
-- Only catalog::rules writes it, and deleting a rule moves its products to
-- the next rule first (a test checks that none is left pointing at it). No
-- REFERENCES clause: SQLite cannot drop or rebuild a column that is a foreign
-- key, and a later migration may need to.
ALTER TABLE product ADD COLUMN category_rule_id INTEGER;
CREATE INDEX product_by_category_rule ON product (category_rule_id);

-- Where an item may be booked: its own contexts, or its rule's.
CREATE VIEW item_effective_context (item_id, context) AS
    SELECT item_id, context FROM item_context
    UNION ALL
    SELECT p.item_id, c.context FROM product p
    JOIN category_rule_context c ON c.rule_id = p.category_rule_id;
