//! The sentences of a refused action: something in use, not there, beyond a bound.

sentences! {
    /// Why an action cannot be done.
    RefusalSays {
        AcceptedNotRevised => "offer {offer} version {version} cannot be revised: it is accepted; make a new offer instead",
    }
}
