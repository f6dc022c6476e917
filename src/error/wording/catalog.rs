//! The catalog rules' sentences (`RuleViolation::wording`). `{item}` is the
//! item (a code) or the category rule (a `Value::Rule`) the violation is on.
//! The bounds (1,000,000,000,000, 1,000,000) are written out: the check's
//! tests hold them to `limits`.

sentences! {
    /// What a catalog rule says is wrong with an item.
    CatalogSays {
        // Codes, names and texts.
        CodeEmpty => "the code is empty",
        CodeSpaces => "the code \"{code}\" has spaces at its ends",
        /// `{kind}` is a `Value::ItemKind`, `{path}` where the first is in a file.
        CodeTaken => "the code {code} is already used by {kind} at {path}",
        NameEmpty => "{item}: the name is empty",
        NameSpaces => "{item}: the name \"{text}\" has spaces at its ends",
        ManufacturerEmpty => "{item}: the manufacturer is empty",
        ManufacturerSpaces => "{item}: the manufacturer \"{text}\" has spaces at its ends",
        CategoryEmpty => "{item}: the category is empty",
        CategorySpaces => "{item}: the category \"{text}\" has spaces at its ends",

        // Money, terms and contexts of any item.
        CurrencyInvalid => "{item}: \"{currency}\" is not an ISO 4217 currency code (three capital letters, e.g. EUR)",
        TaxRateOutOfRange => "{item}: the tax rate {rate} is not a percentage between 0 and 100",
        AmountNegative => "{item}: {amount} is negative; a price is 0 or more",
        AmountBeyondBound => "{item}: {amount} is beyond 1,000,000,000,000, the largest amount Servicefolio accepts",
        TermBeyondBound => "{item}: {months} months is beyond {max}, the longest term",
        ContextsEmpty => "{item}: an item must allow at least one booking context",
        ContextTwice => "{item}: {context} is listed twice",

        // Products.
        ProductLinksWithoutContexts => "product {item}: a product without booking contexts of its own takes its contexts and links from its category rule; give it contexts to give it links of its own",
        ProductStatus => "product {item}: a product is active or discontinued",
        EanInvalid => "product {item}: \"{ean}\" is not a valid EAN/GTIN (8, 12, 13 or 14 digits with a correct check digit)",
        SalesUnitWithoutUnit => "product {item}: a sales unit needs a unit (PK, MTR, ...)",
        SalesUnitContentNotPositive => "product {item}: the content of a sales unit must be greater than zero",
        SalesUnitContentBeyondBound => "product {item}: {content} is beyond 1,000,000, the most one sales unit may hold (the largest quantity)",

        // Services, their variants and offer terms.
        ServiceStatus => "service {item}: a service is active, deprecated or retired",
        ServiceWithoutVariant => "service {item}: a service needs at least one variant",
        VariantWithoutCode => "service {item}: variant {number} has no code",
        VariantCodeTwice => "service {item}: the variant code {variant} is used twice",
        VariantWithoutName => "service {item}: variant {number} has no name",
        VariantWithoutOffer => "variant {item} {variant}: an active variant needs at least one offer type (rental, purchase or leasing)",
        LeasingTermZero => "variant {item} {variant}: a leasing term is at least one month",
        LeasingFactorOutOfRange => "variant {item} {variant}: the leasing factor is a percentage of the financed amount per month, above 0 and at most 100, not {factor}",
        ResidualValueOutOfRange => "variant {item} {variant}: the residual value is a percentage from 0 to below 100",

        // Option groups and their choices.
        OptionGroupCodeTwice => "service {item}: the option group code {group} is used twice",
        OptionGroupWithoutCode => "service {item}: an option group has no code",
        OptionGroupWithoutName => "service {item}: option group {group} has no name",
        OptionGroupWithoutChoices => "service {item}: option group {group} has no choices",
        RequiredGroupMultiple => "service {item}: only a single-choice group can be required",
        OptionGroupUnknownVariant => "service {item}: option group {group} names the variant \"{variant}\", which the service does not have",
        ChoiceWithoutCode => "service {item}: a choice of {group} has no code",
        ChoiceCodeTwice => "service {item}: the choice code {choice} is used twice in {group}",
        ChoiceWithoutName => "service {item}: choice {number} of {group} has no name",

        // Components.
        GoodsUnknown => "{item}: the goods component names \"{product}\", which is not in the catalog",
        /// `{kind}` is a `Value::ItemKind`.
        GoodsNotProduct => "{item}: goods are products; {product} is {kind}",
        GoodsQuantityZero => "{item}: goods come at least once per unit",
        GoodsQuantityBeyondBound => "{item}: {quantity} per unit is beyond 1,000,000, the largest quantity",
        ComponentWithoutDescription => "{item}: a component needs a description",

        // Add-ons.
        AddOnStatus => "add-on {item}: an add-on is active, deprecated or retired",
        AddOnWithoutTargets => "add-on {item}: an add-on applies to at least one item",
        AddOnTargetUnknown => "add-on {item}: no item has the code \"{target}\"",
        AddOnTargetIsAddOn => "add-on {item}: {target} is an add-on; add-ons apply to products and services",
        AddOnTargetTwice => "add-on {item}: {target} is listed twice",

        // Requirements and links.
        RequiresUnknown => "{item} requires \"{service}\", which is not in the catalog",
        RequiresItself => "{item} requires itself",
        RequiresTwice => "{item} requires {service} twice",
        /// `{kind}` is a `Value::ItemKind`.
        RequiresNotBasic => "{item} requires {service}, which is {kind}, not a basic service",
        LinksUnknown => "{item} links \"{target}\", which is not in the catalog",
        LinksAddOn => "{item} links the add-on {target}; add-ons are ordered for instances, not linked",
        LinksItself => "{item} links itself",
        LinksTwice => "{item} links {target} twice",
        LinkQuantityZero => "{item} → {target}: a link quantity is at least 1",
        LinkQuantityBeyondBound => "{item} → {target}: {quantity} is beyond 1,000,000, the largest quantity",
        /// `{cycle}` is the codes (and rules) on the cycle, joined by arrows.
        Cycle => "requirements and mandatory links form a cycle: {cycle}",

        // Successors.
        SuccessorUnknown => "{item} names \"{successor}\" as its successor, which is not in the catalog",
        SuccessorTwice => "{item} names {successor} as its successor twice",
        /// `{kind}` and `{successor_kind}` are `Value::ItemKind`s.
        SuccessorOtherKind => "{item} is {kind} and its successor {successor} is {successor_kind}: a successor is of the same kind",
        SuccessorItself => "{item} names itself as its successor",
        SuccessorCycle => "successors form a cycle: {cycle}",
        SuccessorNotActive => "{item}'s successor {successor} is {status}: only an active item can be a successor",

        // Category rules.
        RuleNameTaken => "the name {name} is already used by the category rule at $.catalog.category_rules[{index}]",
        RuleContextsEmpty => "{item}: a category rule must allow at least one booking context",
        CategoryTwice => "{item}: the category {category} is listed twice",
        /// `{other}` is a `Value::Rule`, as in the three below.
        CategoryOfManufacturerGoverned => "{item}: {category} products of {manufacturer} are already governed by {other}",
        CategoryGoverned => "{item}: the category {category} is already governed by {other}",
        ManufacturerGoverned => "{item}: the products of {manufacturer} are already governed by {other}",
        DefaultRuleTwice => "{item}: {other} is already the default rule (a rule with neither categories nor a manufacturer); there is one at most",

        // Edits in the designer and the rules view.
        NoNewLinks => "{item} is {status}: it keeps its links but cannot gain new ones",
        NotNewlyLinked => "{target} is {status}: it cannot be newly linked",
        /// `{by}` is an item's code or a `Value::Rule`, as in the four below.
        DeleteRequired => "{item} cannot be deleted: {by} requires it",
        DeleteLinked => "{item} cannot be deleted: {by} links it",
        DeleteDeliveredAsGoods => "{item} cannot be deleted: {by} delivers it as goods",
        DeleteNamedAsSuccessor => "{item} cannot be deleted: {by} names it as its successor",
        DeleteAppliedTo => "{item} cannot be deleted: {by} applies to it",
        RuleDeleteCycle => "{item} cannot be deleted: its products would fall to another rule and requirements and mandatory links form a cycle: {cycle}",
    }
}
