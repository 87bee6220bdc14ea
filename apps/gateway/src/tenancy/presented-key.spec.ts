import { headerKey, presentedKey } from './presented-key';

describe(presentedKey.name, () => {
  it('reads Authorization: Token <key> as the Mem0 clients send it', () => {
    expect(presentedKey({ authorization: 'Token m0-abc' })).toBe('m0-abc');
  });

  it('accepts Bearer and any case of the scheme', () => {
    expect(presentedKey({ authorization: 'Bearer m0-abc' })).toBe('m0-abc');
    expect(presentedKey({ authorization: 'token   m0-abc ' })).toBe('m0-abc');
  });

  it('falls back to X-API-Key when there is no Authorization header', () => {
    expect(presentedKey({ 'x-api-key': 'm0-xyz' })).toBe('m0-xyz');
  });

  it('passes another scheme on whole so that it fails as a wrong key', () => {
    expect(presentedKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBe('Basic dXNlcjpwYXNz');
  });

  it('returns undefined when no key is given', () => {
    expect(presentedKey({})).toBeUndefined();
    expect(presentedKey({ authorization: '  ', 'x-api-key': '' })).toBeUndefined();
  });
});

describe(headerKey.name, () => {
  it('reads only X-API-Key', () => {
    expect(headerKey({ authorization: 'Token m0-abc' })).toBeUndefined();
    expect(headerKey({ 'x-api-key': ' m0-abc ' })).toBe('m0-abc');
  });
});
