//! Price rules: the store module that alone writes `price_rule` and maps its rows.
