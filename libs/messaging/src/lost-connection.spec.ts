import { DomainError } from '@mnemo/contracts';
import { unavailableIfConnectionLost } from './lost-connection';

describe('unavailableIfConnectionLost', () => {
  const withCode = (code: string) => Object.assign(new Error(`x ${code}`), { code });

  it('reads a refused, lost or shut-down database connection as unavailable and retryable', () => {
    for (const code of ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN']) {
      const mapped = unavailableIfConnectionLost(withCode(code));
      expect(mapped).toBeInstanceOf(DomainError);
      expect(mapped?.toBody()).toMatchObject({ code: 'unavailable', retryable: true });
    }
  });

  it('looks inside a query error for the driver error', () => {
    const wrapped = Object.assign(new Error('query failed'), {
      driverError: withCode('ECONNRESET'),
    });
    expect(unavailableIfConnectionLost(wrapped)?.toBody().code).toBe('unavailable');
  });

  it('leaves every other error alone', () => {
    expect(unavailableIfConnectionLost(withCode('ER_DUP_ENTRY'))).toBeUndefined();
    expect(unavailableIfConnectionLost(new Error('boom'))).toBeUndefined();
    expect(unavailableIfConnectionLost(undefined)).toBeUndefined();
  });
});
