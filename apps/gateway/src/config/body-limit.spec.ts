import { bodyLimitFor } from './body-limit';

describe(bodyLimitFor.name, () => {
  const MB = 1024 * 1024;

  it('keeps the configured limit when it fits in half the max payload', () => {
    expect(bodyLimitFor(2 * MB, 8 * MB)).toEqual({ bytes: 2 * MB });
    expect(bodyLimitFor(4 * MB, 8 * MB)).toEqual({ bytes: 4 * MB });
  });

  it('lowers a limit the bus cannot carry to half the max payload and says from what', () => {
    expect(bodyLimitFor(2 * MB, 1 * MB)).toEqual({ bytes: MB / 2, loweredFrom: 2 * MB });
    expect(bodyLimitFor(4 * MB + 1, 8 * MB)).toEqual({ bytes: 4 * MB, loweredFrom: 4 * MB + 1 });
  });

  it('keeps the configured limit when the server advertised no max payload', () => {
    expect(bodyLimitFor(2 * MB, undefined)).toEqual({ bytes: 2 * MB });
  });
});
