//! Catalogs made in the test: a portfolio file of just the items a test needs,
//! imported into a store whose catalog is otherwise empty (no demo items to
//! match, link or count by accident).

use serde_json::{json, Value};
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::Store;

/// A portfolio file (format and version as the app writes them) whose
/// catalog is `catalog`: `{"products": [...], "services": [...], ...}`.
pub fn portfolio_file(catalog: Value) -> Value {
    json!({
        "format": "servicefolio-portfolio",
        "version": 1,
        "catalog": catalog
    })
}

/// An in-memory store with the real migrations whose catalog holds exactly
/// the items of `catalog` (the inside of a portfolio file's `catalog`).
pub fn store_with(catalog: Value) -> Store {
    let mut store = Store::open_in_memory_empty().expect("an empty store");
    let file = PortfolioFile::parse(&portfolio_file(catalog).to_string()).expect("the catalog");
    portfolio::import(&mut store, &file).expect("the catalog imports");
    store
}

/// A rented per-device service bookable for employees and workplaces, one
/// variant "STD" at `monthly_price` (12 months, 3 months' notice, renewing
/// yearly): the shape of the services imported products are linked to.
pub fn device_service(code: &str, name: &str, category: &str, monthly_price: &str) -> Value {
    json!({
        "code": code, "name": name, "kind": "standard", "category": category,
        "unit": "per_device", "currency": "EUR", "tax_rate": "19",
        "allowed_contexts": ["employee", "workplace"],
        "variants": [{"code": "STD", "name": "Standard",
            "offers": {"rental": {"monthly_price": monthly_price, "minimum_term_months": 12,
                                  "notice_period_months": 3, "renewal_period_months": 12}}}]
    })
}
