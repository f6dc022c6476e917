//! Catalog items: the store module that alone writes `catalog_item` and the
//! tables of an item's parts (variants, options, contexts, links, requirements,
//! add-ons, components, terms) and maps their rows.

pub(crate) mod feed;
