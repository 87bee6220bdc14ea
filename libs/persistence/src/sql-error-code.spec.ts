import { sqlErrorCode } from './sql-error-code';

describe(sqlErrorCode.name, () => {
  it('reads the code of a driver error, wrapped by TypeORM or not, and nothing of anything else', () => {
    expect(sqlErrorCode({ driverError: { code: 'ER_DUP_ENTRY' }, code: 'OTHER' })).toBe(
      'ER_DUP_ENTRY',
    );
    expect(sqlErrorCode({ code: 'ER_NO_SUCH_TABLE' })).toBe('ER_NO_SUCH_TABLE');
    expect(sqlErrorCode(new Error('plain'))).toBeUndefined();
    expect(sqlErrorCode(null)).toBeUndefined();
    expect(sqlErrorCode('ER_DUP_ENTRY')).toBeUndefined();
  });
});
