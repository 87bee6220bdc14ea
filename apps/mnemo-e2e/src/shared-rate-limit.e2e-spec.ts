import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@mnemo/devstack';
import { startMnemo, type MnemoStack } from '@mnemo/testing';

jest.setTimeout(120_000);

const perMinute = 60;

// Two gateways behind one balancer: a caller alternating between them gets the limit once, not
// twice, because each instance takes the tokens the other hands out (reported every 50 ms).
describe('Rate limits shared across gateway instances', () => {
  let mnemo: MnemoStack;
  const gateways: string[] = [];

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway'],
      env: { MNEMO_RATE_LIMIT_IP_PER_MINUTE: String(perMinute), MNEMO_RATE_LIMIT_SYNC_MS: '50' },
    });
    const secondPort = await freePort();
    await mnemo.start('gateway', { env: { MNEMO_HTTP_PORT: String(secondPort) } });
    gateways.push(mnemo.baseUrl, `http://127.0.0.1:${secondPort}`);
  });

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('lets a caller spread over two gateways through within 10 % of the limit', async () => {
    const started = performance.now();
    let allowed = 0;
    for (let i = 0; i < 4 * perMinute; i++) {
      const response = await fetch(`${gateways[i % 2]}/v1/memories/`);
      await response.arrayBuffer();
      if (response.status !== 429) allowed += 1;
      await delay(10);
    }
    const seconds = (performance.now() - started) / 1000;
    // a full bucket, plus the refill (one token a second) over the run
    const limit = perMinute + (seconds * perMinute) / 60;
    process.stdout.write(
      `two gateways let ${allowed} through; the limit was ${limit.toFixed(1)}\n`,
    );
    expect(allowed).toBeGreaterThanOrEqual(perMinute);
    expect(allowed).toBeLessThanOrEqual(limit * 1.1);
  });
});
