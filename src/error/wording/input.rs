//! The sentences of a wrong value in a form or an argument (`InputProblem::Said`).

sentences! {
    /// What is wrong with a value typed in.
    InputSays {
        TemplateBooksNothing => "a template books at least one item",
    }
}
