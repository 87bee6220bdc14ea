import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey, randomId, sameKeyHash } from './api-key';

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

describe(sameKeyHash.name, () => {
  it('is true only for the hash of the same key', () => {
    const admin = hashApiKey('admin-key');
    expect(sameKeyHash(hashApiKey('admin-key'), admin)).toBe(true);
    expect(sameKeyHash(hashApiKey('admin-kez'), admin)).toBe(false);
    expect(sameKeyHash(hashApiKey(''), admin)).toBe(false);
    expect(sameKeyHash(admin, undefined)).toBe(false);
  });

  it('is false for a hash of another length instead of throwing', () => {
    expect(sameKeyHash('abcd', hashApiKey('admin-key'))).toBe(false);
  });
});
