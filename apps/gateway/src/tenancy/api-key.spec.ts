import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey, randomId, sameSecret } from './api-key';

describe(generateApiKey.name, () => {
  it('makes m0- keys of 40 base62 characters with their sha256 and a 10-character prefix', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^m0-[0-9A-Za-z]{40}$/);
    expect(generated.hash).toBe(createHash('sha256').update(generated.key).digest('hex'));
    expect(generated.prefix).toBe(generated.key.slice(0, 10));
  });

  it('never repeats a key over many draws', () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey().key));
    expect(keys.size).toBe(2000);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set([
      ...Array.from({ length: 200 }, () => generateApiKey().key.slice(3)).join(''),
    ]);
    expect(seen.size).toBe(62);
  });
});

describe(hashApiKey.name, () => {
  it('returns the lowercase sha256 hex of the key', () => {
    expect(hashApiKey('m0-abc')).toBe(
      '79b77f81b2cb75c30710db0c6ce155356b1b7d6d13c26f189560e13221655d00',
    );
  });
});

describe(randomId.name, () => {
  it('makes lowercase ids with the given prefix', () => {
    expect(randomId('proj')).toMatch(/^proj_[0-9a-z]{20}$/);
    expect(randomId('key', 8)).toMatch(/^key_[0-9a-z]{8}$/);
  });
});

describe(sameSecret.name, () => {
  it('is true only for the same secret, whatever the lengths', () => {
    expect(sameSecret('admin-key', 'admin-key')).toBe(true);
    expect(sameSecret('admin-kez', 'admin-key')).toBe(false);
    expect(sameSecret('admin', 'admin-key')).toBe(false);
    expect(sameSecret('', 'admin-key')).toBe(false);
  });
});
