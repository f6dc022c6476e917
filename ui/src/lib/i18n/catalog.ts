// The shape every language's messages must have: exactly the keys of the English
// catalog, each a string or a plural pair as in English.
import type { en } from './en';
import type { Plural } from './plural';

export type MessageKey = keyof typeof en;

export type Catalog = { readonly [K in MessageKey]: (typeof en)[K] extends string ? string : Plural };
