import { DomainError } from '@mnemo/contracts';
import { idempotencyKeyFrom, rejectUnsupportedSettings } from './profile.schemas';

describe(rejectUnsupportedSettings.name, () => {
  it('refuses flat per-user settings and unknown entity types', () => {
    expect(() => rejectUnsupportedSettings({ schema: {}, enabled: true })).toThrow(
      new DomainError('validation_failed', 'Unsupported settings: schema'),
    );
    expect(() => rejectUnsupportedSettings({ entities: { agent: {} } })).toThrow(
      new DomainError('validation_failed', 'Unsupported entity types: agent'),
    );
  });

  it('lets nested user settings through', () => {
    expect(() =>
      rejectUnsupportedSettings({
        enabled: false,
        entities: { user: { custom_instructions: 'x' } },
      }),
    ).not.toThrow();
  });
});

describe(idempotencyKeyFrom.name, () => {
  it('treats an empty header as absent and refuses one that is too long', () => {
    expect(idempotencyKeyFrom(undefined)).toBeUndefined();
    expect(idempotencyKeyFrom('  ')).toBeUndefined();
    expect(idempotencyKeyFrom(' key-1 ')).toBe('key-1');
    expect(() => idempotencyKeyFrom('k'.repeat(256))).toThrow(DomainError);
  });
});
