import { DomainError, type ErrorCode } from '@mnemo/contracts';
import { BreakerRegistry, ProjectCircuitOpenError, type BreakerOptions } from './breakers';

type Outcome = 'ok' | ErrorCode;

const options: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  resetTimeoutMs: 60_000,
  rollingCountTimeoutMs: 10_000,
  maxProjectBreakers: 100,
};

/** A real opossum registry whose action answers what each call asks for, and counts calls. */
function registry() {
  const calls: Outcome[] = [];
  const breakers = new BreakerRegistry<[Outcome], string>((outcome) => {
    calls.push(outcome);
    if (outcome === 'ok') return Promise.resolve('answer');
    const retryable = outcome === 'timeout' || outcome === 'unavailable';
    return Promise.reject(new DomainError(outcome, outcome, retryable));
  }, options);
  return { breakers, calls };
}

async function failTimes(
  breakers: BreakerRegistry<[Outcome], string>,
  project: string | undefined,
  outcome: Outcome,
  times: number,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    await breakers.fire('vector.search', project, outcome).catch(() => undefined);
  }
}

describe(BreakerRegistry.name, () => {
  let current: ReturnType<typeof registry>;

  beforeEach(() => {
    current = registry();
  });

  afterEach(() => current.breakers.shutdown());

  it.each<ErrorCode>(['validation_failed', 'payload_too_large', 'not_found', 'rate_limited'])(
    'never opens on the client error %s',
    async (code) => {
      await failTimes(current.breakers, 'a', code, 10);
      expect(current.breakers.state('vector.search')).toBe('closed');
      expect(current.breakers.state('vector.search', 'a')).toBe('closed');
      await expect(current.breakers.fire('vector.search', 'a', 'ok')).resolves.toBe('answer');
    },
  );

  it("opens only the slow project's circuit on timeouts; other projects keep the target", async () => {
    await failTimes(current.breakers, 'noisy', 'timeout', 4);
    expect(current.breakers.state('vector.search', 'noisy')).toBe('open');
    expect(current.breakers.state('vector.search')).toBe('closed');

    const before = current.calls.length;
    const shed = current.breakers.fire('vector.search', 'noisy', 'ok');
    await expect(shed).rejects.toBeInstanceOf(ProjectCircuitOpenError);
    await expect(shed).rejects.toMatchObject({ code: 'unavailable' });
    expect(current.calls).toHaveLength(before);
    await expect(current.breakers.fire('vector.search', 'quiet', 'ok')).resolves.toBe('answer');
  });

  it("does not count a project's open circuit against the target", async () => {
    await failTimes(current.breakers, 'noisy', 'timeout', 4);
    await failTimes(current.breakers, 'noisy', 'ok', 20);
    expect(current.breakers.state('vector.search')).toBe('closed');
    await expect(current.breakers.fire('vector.search', 'quiet', 'ok')).resolves.toBe('answer');
  });

  it('opens the target for every project on transport failures', async () => {
    await failTimes(current.breakers, 'a', 'unavailable', 3);
    expect(current.breakers.state('vector.search')).toBe('open');
    const before = current.calls.length;
    await expect(current.breakers.fire('vector.search', 'b', 'ok')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'vector.search is unavailable (circuit open)',
    });
    expect(current.calls).toHaveLength(before);
  });

  it('keeps targets apart: one down target leaves another closed', async () => {
    await failTimes(current.breakers, 'a', 'unavailable', 3);
    await expect(current.breakers.fire('vector.get', 'a', 'ok')).resolves.toBe('answer');
    expect(current.breakers.state('vector.get')).toBe('closed');
  });

  it('shares one bucket between calls made without a project', async () => {
    await failTimes(current.breakers, undefined, 'timeout', 4);
    expect(current.breakers.state('vector.search', '-')).toBe('open');
    await expect(current.breakers.fire('vector.search', 'a', 'ok')).resolves.toBe('answer');
  });
});
