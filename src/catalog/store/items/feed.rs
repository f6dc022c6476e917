//! The supplier-feed import's writes of catalog items: the `catalog_item` rows of
//! imported products, prepared once and run per row.
