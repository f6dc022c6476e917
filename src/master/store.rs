//! Imports: the store module that alone writes the import log (`import_run`,
//! its problems, discontinued offers, price conversions and price types) and
//! the mapping profiles, and maps their rows.
