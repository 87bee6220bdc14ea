import { DomainError } from '../errors';

/** Every filter rejection is a 400-class validation failure whose message names the culprit. */
export function filterError(message: string): DomainError {
  return new DomainError('validation_failed', message);
}

/** A rejected value as JSON, cut short so an error never echoes a whole payload back. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
