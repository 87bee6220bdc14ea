/** What a fact is about; single-valued categories hold one current value per scope. */
export type FactCategory =
  | 'name'
  | 'age'
  | 'location'
  | 'origin'
  | 'past-location'
  | 'job'
  | 'employer'
  | 'education'
  | 'relationship'
  | 'family'
  | 'family-count'
  | 'preference'
  | 'favourite'
  | 'hobby'
  | 'language'
  | 'restriction'
  | 'allergy'
  | 'diet'
  | 'diet-rule'
  | 'health'
  | 'budget'
  | 'price-level'
  | 'plan'
  | 'goal'
  | 'recommendation'
  | 'free';

export type FactPolarity = 'affirmed' | 'negated';

export interface ClassifiedFact {
  /** The attribute the fact sets: `location`, `budget`, `preference:sichuan`, `family:son:tom`, `free`. */
  readonly attribute: string;
  readonly category: FactCategory;
  /** Splits a category into independent attributes: the favourite's kind, the relative, the budget's purpose. */
  readonly slot: string;
  readonly polarity: FactPolarity;
  /** A new value replaces the old one (location) instead of joining it (likes). */
  readonly singleValued: boolean;
  /** Stems that identify the value ("hangzhou", "sichuan"). */
  readonly value: readonly string[];
  /** Stems of what the fact says about that value, dates and amounts included. */
  readonly detail: readonly string[];
  /** Stems of the whole statement, for facts of no known category. */
  readonly stems: readonly string[];
}

const SINGLE_VALUED = new Set<FactCategory>([
  'name',
  'age',
  'location',
  'origin',
  'job',
  'employer',
  'relationship',
  'diet',
  'family-count',
  'favourite',
  'budget',
  'price-level',
]);

const SINGLE_RELATIVES = new Set(['spouse', 'mother', 'father', 'mom', 'mum', 'dad']);

export function isSingleValued(category: FactCategory, slot: string): boolean {
  return SINGLE_VALUED.has(category) || (category === 'family' && SINGLE_RELATIVES.has(slot));
}
