import type { LedgerEntry } from './ledger-clients';
import { summariseRoutes } from './ledger-report';

const answer = (at: number, status: number, ms = 10): LedgerEntry => ({
  route: 'search',
  userId: 'u',
  status,
  at,
  ms,
  hung: false,
});

describe(summariseRoutes.name, () => {
  it('counts 5xx and unanswered requests apart, and the stretch in which every answer failed', () => {
    // a gateway killed at 1,000 ms: refused connections, then a 503, then good answers again
    const entries = [
      answer(0, 200),
      answer(1000, 0),
      answer(1500, 503),
      answer(2000, 0),
      answer(3000, 200),
      answer(4000, 0),
      answer(4100, 200),
    ];
    const [search] = summariseRoutes(entries, 5000);
    expect(search).toMatchObject({
      route: 'search',
      requests: 7,
      ok: 3,
      failed: 4,
      noAnswer: 3,
      longestFailureWindowMs: 2000,
      longestFailureFromMs: 1010,
    });
  });
});
