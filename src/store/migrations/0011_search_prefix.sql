-- 0011: prefix indexes for the product search (docs/master-data-import.md).
-- FTS5 answers a prefix query of 2 or 3 characters (`32*`, `usb*`) from a
-- prefix index instead of merging the doclists of every term that starts with
-- it (every EAN starting with 32, ...), which took tens of milliseconds on a
-- million products. The index is rebuilt from the catalog; the triggers of
-- 0010 keep writing to it by name.
DROP TABLE product_search;
CREATE VIRTUAL TABLE product_search USING fts5 (
    name, manufacturer, part_number, ean, description,
    content = '', contentless_delete = 1,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO product_search (product_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 8.0, 8.0, 1.0)');
INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
    SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, COALESCE(p.ean, ''), ci.description
    FROM product p JOIN catalog_item ci ON ci.id = p.item_id;
