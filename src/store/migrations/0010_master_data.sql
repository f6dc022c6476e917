-- 0010: master data import (issue 6, docs/master-data-import.md). Supplier
-- offers per product and source, import runs with their report, saved mapping
-- profiles, a full-text index over products, and an index for keyset paging of
-- the catalog list. Money is exact decimal text, never REAL.

-- One import of one file: the report, saved so it can be reopened.
CREATE TABLE import_run (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('bmecat', 'csv', 'xlsx')),
    full_feed    INTEGER NOT NULL CHECK (full_feed IN (0, 1)),
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    rows_read    INTEGER NOT NULL,
    new          INTEGER NOT NULL,
    new_products INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    rejected     INTEGER NOT NULL,
    discontinued INTEGER NOT NULL,
    -- Rejected rows beyond the ones kept in import_problem.
    problems_not_kept INTEGER NOT NULL DEFAULT 0
);

-- The rejected rows of a run: file, line or XML element path, field, reason.
CREATE TABLE import_problem (
    run_id   INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file     TEXT NOT NULL,
    line     INTEGER NOT NULL,
    element  TEXT,
    field    TEXT NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
) WITHOUT ROWID;

-- What one source offers of one product: its key there, its SKU, cost, stock.
-- The same physical product from several sources is one product with several
-- offers. Offers are never deleted by an import, only discontinued.
CREATE TABLE supplier_offer (
    id             INTEGER PRIMARY KEY,
    product_id     INTEGER NOT NULL REFERENCES product (item_id) ON DELETE CASCADE,
    source         TEXT NOT NULL CHECK (length(source) > 0),
    source_key     TEXT NOT NULL CHECK (length(source_key) > 0),
    supplier_sku   TEXT,
    cost_price     TEXT,
    list_price     TEXT,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    stock_status   TEXT NOT NULL DEFAULT 'unknown'
                   CHECK (stock_status IN ('in_stock', 'low_stock', 'out_of_stock', 'on_order', 'unknown')),
    stock_quantity INTEGER,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discontinued')),
    -- The offer the product takes its cost price and stock from (one per
    -- product): the cheapest in stock, unless the user pinned one.
    preferred      INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
    pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    -- The run that last wrote this offer, and a hash of the article it was
    -- written from: a re-import of the same article writes nothing.
    import_run_id  INTEGER,
    row_hash       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source, source_key)
);
CREATE INDEX supplier_offer_by_product ON supplier_offer (product_id);


-- Existing products with a source key become their own first offer.
INSERT INTO supplier_offer (product_id, source, source_key, cost_price, list_price, currency,
                            stock_status, preferred)
    SELECT item_id, source, source_key, cost_price, list_price, currency, stock_status, 1
    FROM product WHERE source_key IS NOT NULL AND length(source_key) > 0;

-- Mapping profiles saved by name (the JSON of feed::MappingProfile).
CREATE TABLE mapping_profile (
    name    TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(name)) > 0),
    profile TEXT NOT NULL
);

-- Full-text search over products: contentless (the text lives in catalog_item
-- and product; rowid = catalog_item.id), rows deletable, kept in sync by the
-- triggers below whatever writes the catalog.
CREATE VIRTUAL TABLE product_search USING fts5 (
    name, manufacturer, part_number, ean, description,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Ranking: a hit in the name, part number or EAN counts more than one in the
-- description.
INSERT INTO product_search (product_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 8.0, 8.0, 1.0)');

INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
    SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, COALESCE(p.ean, ''), ci.description
    FROM product p JOIN catalog_item ci ON ci.id = p.item_id;

CREATE TRIGGER product_search_insert AFTER INSERT ON product BEGIN
    INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
        SELECT ci.id, ci.name, NEW.manufacturer, NEW.manufacturer_part_number, COALESCE(NEW.ean, ''), ci.description
        FROM catalog_item ci WHERE ci.id = NEW.item_id;
END;
CREATE TRIGGER product_search_delete AFTER DELETE ON product BEGIN
    DELETE FROM product_search WHERE rowid = OLD.item_id;
END;
CREATE TRIGGER product_search_update
AFTER UPDATE OF item_id, manufacturer, manufacturer_part_number, ean ON product BEGIN
    DELETE FROM product_search WHERE rowid = OLD.item_id;
    INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
        SELECT ci.id, ci.name, NEW.manufacturer, NEW.manufacturer_part_number, COALESCE(NEW.ean, ''), ci.description
        FROM catalog_item ci WHERE ci.id = NEW.item_id;
END;
CREATE TRIGGER product_search_item_update
AFTER UPDATE OF name, description ON catalog_item
WHEN EXISTS (SELECT 1 FROM product WHERE item_id = NEW.id) BEGIN
    DELETE FROM product_search WHERE rowid = NEW.id;
    INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
        SELECT NEW.id, NEW.name, p.manufacturer, p.manufacturer_part_number, COALESCE(p.ean, ''), NEW.description
        FROM product p WHERE p.item_id = NEW.id;
END;

-- Keyset paging of the catalog list in its order (kind, category, name, id).
CREATE INDEX catalog_item_list_order ON catalog_item (
    (CASE kind WHEN 'service' THEN 0 WHEN 'basic_service' THEN 1 WHEN 'add_on' THEN 2 ELSE 3 END),
    category COLLATE NOCASE, name COLLATE NOCASE, id);
