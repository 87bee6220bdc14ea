/** Values the Platform suites expect in answers, and ids they send. */

/** A time as the Platform answers it (ISO 8601). */
export const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
export const uuid = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
);
/** A well-formed memory id that no project holds. */
export const unknownId = '00000000-0000-4000-8000-000000000000';
export const queuedMessage = 'Memory processing has been queued for background execution';
