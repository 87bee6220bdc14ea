import { DomainError } from '../errors';

/** Every filter rejection is a 400-class validation failure whose message names the culprit. */
export function filterError(message: string): DomainError {
  return new DomainError('validation_failed', message);
}
