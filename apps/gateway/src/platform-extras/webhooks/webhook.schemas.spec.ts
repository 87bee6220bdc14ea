import { FieldErrorsException, parseFields } from '../field-errors';
import { webhookCreateSchema, webhookUpdateSchema } from './webhook.schemas';

function fieldErrors(schema: Parameters<typeof parseFields>[0], raw: unknown) {
  try {
    parseFields(schema, raw);
  } catch (error) {
    if (error instanceof FieldErrorsException) return error.fields;
    throw error;
  }
  return undefined;
}

describe('webhook request schemas', () => {
  it('answers every missing field of a create as required', () => {
    expect(fieldErrors(webhookCreateSchema, {})).toEqual({
      name: ['This field is required.'],
      url: ['This field is required.'],
      event_types: ['This field is required.'],
    });
  });

  it('names blank names, bad URLs, empty lists and unknown event types', () => {
    expect(
      fieldErrors(webhookCreateSchema, {
        name: ' ',
        url: 'ftp://example.com',
        event_types: ['memory_add', 'memory_search'],
        is_active: 'yes',
      }),
    ).toEqual({
      name: ['This field may not be blank.'],
      url: ['Enter a valid URL.'],
      event_types: ['"memory_search" is not a valid choice.'],
      is_active: ['Must be a valid boolean.'],
    });
    expect(
      fieldErrors(webhookCreateSchema, { name: 'n', url: 'https://x.io', event_types: [] }),
    ).toEqual({
      event_types: ['This list may not be empty.'],
    });
    expect(
      fieldErrors(webhookCreateSchema, {
        name: 'n',
        url: 'https://x.io',
        event_types: 'memory_add',
      }),
    ).toEqual({
      event_types: ['Expected a list of items but got type "string".'],
    });
  });

  it('refuses a body that is not an object', () => {
    expect(fieldErrors(webhookCreateSchema, ['x'])).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    });
  });

  it('lets an update change any subset, checked like a create', () => {
    expect(parseFields(webhookUpdateSchema, {})).toEqual({});
    expect(parseFields(webhookUpdateSchema, { name: ' renamed ' })).toEqual({ name: 'renamed' });
    expect(fieldErrors(webhookUpdateSchema, { url: 'nope' })).toEqual({
      url: ['Enter a valid URL.'],
    });
  });
});
