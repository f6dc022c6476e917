// A message that depends on a count: `one` for exactly 1, `other` otherwise
// (English and German need no more than that).
export interface Plural {
  readonly one: string;
  readonly other: string;
}
