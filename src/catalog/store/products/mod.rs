//! Products and supplier offers: the store module that alone writes `product`,
//! `supplier_offer` and the product search index, and maps their rows.

pub(crate) mod feed;
