import { z } from 'zod';
import { DomainError } from '@mnemo/contracts';
import { memoryIdFrom, normaliseQuery, parsePlatform, platformNotFound } from './platform-request';

describe(normaliseQuery.name, () => {
  it('keeps single values and turns repeated or bracketed keys into lists', () => {
    expect(
      normaliseQuery({ user_id: 'u', 'categories[]': 'a', fields: ['memory', 'id'], page: '2' }),
    ).toEqual({ user_id: 'u', categories: ['a'], fields: ['memory', 'id'], page: '2' });
  });

  it('reads metadata as a deepObject or as JSON, the deep keys winning', () => {
    expect(normaliseQuery({ 'metadata[topic]': 'x', 'metadata[lang]': 'en' })).toEqual({
      metadata: { topic: 'x', lang: 'en' },
    });
    expect(normaliseQuery({ metadata: '{"topic":"y","n":1}', 'metadata[topic]': 'x' })).toEqual({
      metadata: { topic: 'x', n: 1 },
    });
  });

  it('rejects metadata that is not JSON', () => {
    expect(() => normaliseQuery({ metadata: '{oops' })).toThrow('metadata: expected a JSON object');
  });
});

describe(parsePlatform.name, () => {
  const schema = z.object({ query: z.string().min(1, { error: 'query must not be empty' }) });

  it('returns the parsed value', () => {
    expect(parsePlatform(schema, { query: 'q', extra: 1 })).toEqual({ query: 'q' });
  });

  it('throws a validation DomainError whose message names each bad field', () => {
    const attempt = () => parsePlatform(schema, { query: '' });
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow('query: query must not be empty');
  });

  it('treats a missing body as an empty object', () => {
    expect(() => parsePlatform(schema, undefined)).toThrow(/^query: /);
  });
});

describe(memoryIdFrom.name, () => {
  it('accepts a UUID in either case and lower-cases it', () => {
    expect(memoryIdFrom('0A1B2C3D-0000-4000-8000-00000000000F')).toBe(
      '0a1b2c3d-0000-4000-8000-00000000000f',
    );
  });

  it('rejects anything else with the Platform message', () => {
    expect(() => memoryIdFrom('42')).toThrow('memory_id should be a valid UUID');
  });
});

describe(platformNotFound.name, () => {
  it('rewords not_found and lets other errors through', async () => {
    await expect(
      platformNotFound(Promise.reject(new DomainError('not_found', 'Memory not found'))),
    ).rejects.toThrow('Memory not found!');
    const other = new DomainError('unavailable', 'down', true);
    await expect(platformNotFound(Promise.reject(other))).rejects.toBe(other);
    await expect(platformNotFound(Promise.resolve(7))).resolves.toBe(7);
  });
});
