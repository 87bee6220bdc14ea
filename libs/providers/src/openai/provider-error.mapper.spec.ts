import CircuitBreaker from 'opossum';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError } from '../llm/llm-provider';
import { toProviderError } from './provider-error.mapper';

function httpError(status: number): APIError {
  return APIError.generate(
    status,
    { error: { message: 'from provider' } },
    undefined,
    new Headers(),
  );
}

async function breakerError(setup: (breaker: CircuitBreaker) => void, timeout?: number) {
  const breaker = new CircuitBreaker(() => new Promise(() => undefined), { timeout });
  setup(breaker);
  const err = await breaker.fire().then(
    () => undefined,
    (e: unknown) => e,
  );
  breaker.shutdown();
  return err;
}

describe(toProviderError.name, () => {
  it.each([
    [400, 'provider_bad_request', false],
    [401, 'provider_auth_failed', false],
    [403, 'provider_auth_failed', false],
    [404, 'provider_bad_request', false],
    [408, 'provider_timeout', true],
    [422, 'provider_bad_request', false],
    [429, 'provider_rate_limited', true],
    [500, 'provider_unavailable', true],
    [503, 'provider_unavailable', true],
    [418, 'unknown', false],
  ])('maps HTTP %i to %s (retryable %s)', (status, code, retryable) => {
    const err = toProviderError(httpError(status));

    expect(err).toBeInstanceOf(ProviderError);
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code, retryable });
    expect(err.message).toContain(`${status} from provider`);
    expect(err.cause).toBeInstanceOf(APIError);
  });

  it('maps SDK connection failures, timeouts and aborts', () => {
    expect(toProviderError(new APIConnectionError({ message: 'refused' }))).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      message: 'provider is unavailable: refused',
    });
    expect(toProviderError(new APIConnectionTimeoutError())).toMatchObject({
      code: 'provider_timeout',
      retryable: true,
    });
    expect(toProviderError(new APIUserAbortError())).toMatchObject({
      code: 'provider_timeout',
      retryable: true,
    });
  });

  it('maps an open circuit to provider_unavailable', async () => {
    const err = await breakerError((breaker) => breaker.open());

    expect(toProviderError(err)).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      message: 'provider circuit breaker is open, failing fast',
    });
  });

  it("maps opossum's own timeout to provider_timeout", async () => {
    const err = await breakerError(() => undefined, 5);

    expect(toProviderError(err)).toMatchObject({ code: 'provider_timeout', retryable: true });
  });

  it('maps a shut-down breaker to provider_unavailable', async () => {
    const err = await breakerError((breaker) => breaker.shutdown());

    expect(toProviderError(err)).toMatchObject({ code: 'provider_unavailable', retryable: true });
  });

  it('keeps a ProviderError as it is and maps anything else to unknown', () => {
    const original = new ProviderError('provider_timeout', 'late', true);
    const plain = Object.assign(new Error('socket hang up'), { code: 'ETIMEDOUT' });

    expect(toProviderError(original)).toBe(original);
    expect(toProviderError(plain)).toMatchObject({
      code: 'unknown',
      retryable: false,
      message: 'provider call failed: socket hang up',
    });
    expect(toProviderError('text')).toMatchObject({
      code: 'unknown',
      message: 'provider call failed: text',
    });
  });
});
