//! Price lists: the store module that alone writes `price_list` and its
//! variant, option and discount rows, and maps their rows.
