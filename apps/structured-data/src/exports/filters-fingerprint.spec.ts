import { canonicalJson, filtersFingerprint } from './filters-fingerprint';

describe(filtersFingerprint.name, () => {
  it('hashes equal filters equally whatever their key order', () => {
    const a = {
      AND: [{ user_id: 'alex' }, { created_at: { gte: '2024-01-01', lte: '2024-12-31' } }],
    };
    const b = {
      AND: [{ user_id: 'alex' }, { created_at: { lte: '2024-12-31', gte: '2024-01-01' } }],
    };
    expect(filtersFingerprint(a)).toBe(filtersFingerprint(b));
    expect(filtersFingerprint(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells different filters apart, list order included', () => {
    expect(filtersFingerprint({ user_id: 'a' })).not.toBe(filtersFingerprint({ user_id: 'b' }));
    expect(canonicalJson({ in: ['a', 'b'] })).not.toBe(canonicalJson({ in: ['b', 'a'] }));
  });

  it('writes canonical JSON with sorted keys and without undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null], c: undefined })).toBe('{"a":[true,null],"b":1}');
  });
});
