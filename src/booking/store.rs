//! Instances: the store module that alone writes `instance`, its options,
//! prerequisites, add-ons and transition log, and maps their rows.
