import { assertFitsPayload, fitsPayload, HEADER_ALLOWANCE_BYTES } from './payload-limit';

describe(assertFitsPayload.name, () => {
  const max = 1024 * 1024;

  it('lets through a message that fits with room for its headers', () => {
    const data = new Uint8Array(max - HEADER_ALLOWANCE_BYTES);
    expect(() => assertFitsPayload(data, max, 'the request to memory.search')).not.toThrow();
    expect(fitsPayload(data.byteLength, max)).toBe(true);
  });

  it('refuses a larger one with payload_too_large, a client error that is never retried', () => {
    const data = new Uint8Array(max - HEADER_ALLOWANCE_BYTES + 1);
    expect(() => assertFitsPayload(data, max, 'the request to memory.search')).toThrow(
      expect.objectContaining({
        code: 'payload_too_large',
        retryable: false,
        message: `the request to memory.search is ${data.byteLength} bytes, over the ${max} byte message limit`,
      }),
    );
  });

  it('lets everything through before the server has said its limit', () => {
    expect(fitsPayload(10 * max, undefined)).toBe(true);
  });
});
