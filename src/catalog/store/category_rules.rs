//! Category rules: the store module that alone writes `category_rule` and its
//! categories, contexts and links, and maps their rows.
