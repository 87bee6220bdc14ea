/** An answer outside 2xx, carrying the message the API gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The API's own words from an error body: Mem0's `{"detail": "..."}`, FastAPI's list of
 * `{loc, msg}` under `detail` (422), or Django-REST field errors `{"url": ["Enter a valid URL."]}`.
 */
export function errorMessage(status: number, body: unknown): string {
  if (isObject(body)) {
    const detail = body['detail'];
    if (typeof detail === 'string' && detail !== '') return detail;
    if (Array.isArray(detail) && detail.length > 0) return detail.map(issueText).join('; ');
    const fields = Object.entries(body).filter(([, messages]) => Array.isArray(messages));
    if (fields.length > 0)
      return fields.map(([field, messages]) => fieldText(field, messages)).join('; ');
  }
  if (Array.isArray(body) && body.every((item) => typeof item === 'string') && body.length > 0)
    return body.join('; ');
  return `The server answered ${status} without a message.`;
}

function issueText(issue: unknown): string {
  if (!isObject(issue)) return String(issue);
  const where = Array.isArray(issue['loc']) ? issue['loc'].filter((part) => part !== 'body') : [];
  const message = typeof issue['msg'] === 'string' ? issue['msg'] : JSON.stringify(issue);
  return where.length > 0 ? `${where.join('.')}: ${message}` : message;
}

function fieldText(field: string, messages: unknown): string {
  const text = (messages as unknown[]).map(String).join(' ');
  return field === 'non_field_errors' ? text : `${field}: ${text}`;
}
