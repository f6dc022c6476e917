//! Offers: the store module that alone writes `offer`, `offer_group` and
//! `offer_line`, and maps their rows.
