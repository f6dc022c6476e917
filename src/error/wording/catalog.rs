//! The catalog rules' sentences (`RuleViolation::wording`).

sentences! {
    /// What a catalog rule says is wrong with an item.
    CatalogSays {
        CodeEmpty => "the code is empty",
        NameEmpty => "{item}: the name is empty",
    }
}
