export * from './filter.types';
export { normaliseDate, isDateOnly, type NormalisedDate } from './filter-dates';
export { ruleFor, type FieldRule, type ValueKind } from './filter-fields';
export * from './filter-nodes';
export * from './filter-node.schema';
export * from './filter.parser';
export * from './legacy-filters';
