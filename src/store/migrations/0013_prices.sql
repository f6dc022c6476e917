-- 0013: prices mean what the supplier meant (issue 11, docs/master-data-import.md).
--
-- 1. A product may have no price yet (`list_price` NULL): an article with
--    master data and no price is imported *unpriced*; it is found and shown,
--    but never booked or offered until an import brings a price.
--
--    `list_price` was NOT NULL. Dropping a NOT NULL constraint does not change
--    how any existing row is stored, so instead of rebuilding `product` (a
--    million rows, its indexes, the search triggers, and the foreign keys of
--    `supplier_offer` and `service_component` that point at it) the stored
--    CREATE TABLE text is edited, as SQLite documents for such changes
--    (https://www.sqlite.org/lang_altertable.html, "making other kinds of
--    table schema changes"). `writable_schema = RESET` reloads the schema in
--    this connection; the ALTER TABLE statements below change the schema cookie,
--    so other connections reload it too. The temporary table fails the
--    migration (and rolls it all back) if the text was not found.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'list_price               TEXT NOT NULL,', 'list_price               TEXT,')
 WHERE type = 'table' AND name = 'product';
PRAGMA writable_schema = RESET;
CREATE TEMP TABLE migration_0013_check (list_price_nullable INTEGER NOT NULL CHECK (list_price_nullable));
INSERT INTO migration_0013_check
    SELECT NOT EXISTS (SELECT 1 FROM pragma_table_info('product') WHERE name = 'list_price' AND "notnull");
DROP TABLE migration_0013_check;

-- 2. The unit a product is sold (and priced) in, when it is not a piece: the
--    supplier's order unit as written (`PK`, `MTR`, `Packung`) and what one
--    holds (10 `C62`). NULL: a piece. (No CHECK here: SQLite would test it on
--    every existing row, 0.7 s of the 0.7 s this migration took for 300,000
--    products; the importer and the portfolio validation write no blank unit.)
ALTER TABLE product ADD COLUMN sales_unit TEXT;
ALTER TABLE product ADD COLUMN sales_unit_content TEXT;
ALTER TABLE product ADD COLUMN sales_unit_content_unit TEXT;

-- 3. A supplier offer keeps the order details its prices were converted with,
--    because a BMEcat price update (T_UPDATE_PRICES) restates the prices but
--    not the order details: 10.50 for 100 pieces stays 0.105 a piece.
ALTER TABLE supplier_offer ADD COLUMN order_unit TEXT;
ALTER TABLE supplier_offer ADD COLUMN content_unit TEXT;
ALTER TABLE supplier_offer ADD COLUMN content_per_order_unit TEXT;
ALTER TABLE supplier_offer ADD COLUMN price_quantity TEXT;
ALTER TABLE supplier_offer ADD COLUMN quantity_min TEXT;

-- 4. The report: articles imported without a price, articles stating no price
--    whose offer kept the prices of an earlier import, every price type the
--    file states (how many articles state it, how many took it as cost and as
--    list price), and per kind of price conversion how many articles it applied
--    to, with one example (feed::PriceConversion as JSON).
ALTER TABLE import_run ADD COLUMN unpriced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN price_types_not_kept INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN prices_kept INTEGER NOT NULL DEFAULT 0;

CREATE TABLE import_price_type (
    run_id     INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    price_type TEXT NOT NULL,
    articles   INTEGER NOT NULL,
    as_cost    INTEGER NOT NULL,
    as_list    INTEGER NOT NULL,
    PRIMARY KEY (run_id, position)
) WITHOUT ROWID;

CREATE TABLE import_price_conversion (
    run_id     INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('price_quantity', 'factor', 'tier', 'price_unit')),
    articles   INTEGER NOT NULL,
    source_key TEXT NOT NULL,
    line       INTEGER NOT NULL,
    element    TEXT,
    conversion TEXT NOT NULL,
    PRIMARY KEY (run_id, kind)
) WITHOUT ROWID;
