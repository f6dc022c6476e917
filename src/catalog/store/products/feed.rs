//! The supplier-feed import's writes of products, supplier offers and the search
//! index, prepared once and run per row.
