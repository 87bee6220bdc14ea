import { DomainError, fieldLabel, type FilterCondition } from '@mnemo/contracts';

/** A tree that skipped the parser (e.g. built by hand) can pair a field with an operator it lacks. */
export function unsupportedCondition(condition: FilterCondition): DomainError {
  return new DomainError(
    'validation_failed',
    `Unsupported operator "${condition.op}" for field "${fieldLabel(condition.field)}"`,
  );
}
