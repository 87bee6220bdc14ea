// The fault ledger: `npx tsx load-tests/fault-ledger.ts [--label after]` (about two and a half
// minutes). Clients add (synchronous OSS, asynchronous Platform) and search without pause while
// the runner SIGKILLs one service after another, restarts NATS and restarts MariaDB; then it
// reconciles every acknowledged add and prints a table: lost, duplicated, failing windows, p99.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FleetSupervisor, type ServiceName } from '@mnemo/devstack';
import {
  singleInstanceStack,
  startIsolatedStack,
  type IsolatedStack,
} from './runner/isolated-stack';
import { describeMachine } from './runner/machine';
import { createTenant } from './runner/noisy-tenant';
import { runLedgerClients, type LedgerEntry } from './runner/fault-ledger/ledger-clients';
import { drainEvents, reconcile } from './runner/fault-ledger/ledger-reconcile';
import {
  ledgerMarkdown,
  summariseRoutes,
  type FaultMark,
} from './runner/fault-ledger/ledger-report';

const WORKSPACE_ROOT = join(__dirname, '..');
const ADMIN_KEY = 'fault-ledger-admin-key';

const { values: args } = parseArgs({
  options: {
    label: { type: 'string', default: 'run' },
    'fault-every': { type: 'string', default: '12' },
    calm: { type: 'string', default: '15' },
    drain: { type: 'string', default: '90' },
    'keep-data': { type: 'boolean', default: false },
    out: { type: 'string', default: join(WORKSPACE_ROOT, 'load-tests', 'reports') },
  },
});

const log = (line: string) => process.stdout.write(`[fault-ledger] ${line}\n`);

/** In turn: one instance of each service killed outright, then NATS, then MariaDB restarted. */
function faultPlan(stack: IsolatedStack): { what: string; run: () => Promise<void> }[] {
  const kills = (
    ['embedder', 'extractor', 'vector-store', 'webhook-dispatcher', 'gateway'] as const
  ).map((name: ServiceName) => ({
    what: `SIGKILL ${name}-0 (the supervisor restarts it)`,
    run: async () => {
      await stack.fleet.kill(name, 0);
    },
  }));
  const servers = [
    { what: 'restart NATS (stop, start on the same port and store)', run: stack.restartNats },
  ];
  if (stack.restartMariaDb) {
    servers.push({
      what: 'restart MariaDB (stop, start on the same port and data)',
      run: stack.restartMariaDb,
    });
  }
  return [...kills, ...servers];
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const stack = await startIsolatedStack({
    ...singleInstanceStack(WORKSPACE_ROOT),
    serviceEnv: { MNEMO_ADMIN_API_KEY: ADMIN_KEY, MNEMO_RATE_LIMIT_PER_MINUTE: '0' },
    keepData: args['keep-data'],
    log,
  });
  const supervisor = new FleetSupervisor(stack.fleet, { log });
  supervisor.start();
  try {
    const project = await createTenant(stack.baseUrl, ADMIN_KEY, 'ledger');
    const target = { baseUrl: stack.baseUrl, adminKey: ADMIN_KEY, projectKey: project.apiKey };
    const entries: LedgerEntry[] = [];
    const startedAt = Date.now();
    const plan = faultPlan(stack);
    const faultEveryMs = Number(args['fault-every']) * 1000;
    const calmFrom = faultEveryMs * (plan.length + 1);
    const endAt = calmFrom + Number(args.calm) * 1000;
    const clients = runLedgerClients(
      target,
      entries,
      startedAt,
      () => Date.now() - startedAt >= endAt,
    );
    const faults: FaultMark[] = [];
    for (const fault of plan) {
      await new Promise((resolve) =>
        setTimeout(resolve, startedAt + faultEveryMs * (faults.length + 1) - Date.now()),
      );
      log(fault.what);
      faults.push({ at: Date.now() - startedAt, what: fault.what });
      await fault.run();
    }
    await clients;
    log(`load done: ${entries.length} requests; draining async adds`);
    const events = await drainEvents(target, entries, Number(args.drain) * 1000);
    const outcome = await reconcile(target, entries, events);
    const routes = summariseRoutes(entries, calmFrom);
    const table = ledgerMarkdown(faults, routes, outcome);
    process.stdout.write(
      `\n${table}\n\nservice restarts: ${JSON.stringify(supervisor.restarts())}\n`,
    );
    await mkdir(args.out, { recursive: true });
    const file = join(
      args.out,
      `fault-ledger-${args.label}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    await writeFile(
      file,
      JSON.stringify(
        {
          label: args.label,
          machine: describeMachine(),
          loadAverage: { before: loadBefore, after: loadavg() },
          faults,
          routes,
          outcome,
          restarts: supervisor.restarts(),
        },
        null,
        2,
      ),
    );
    log(`written ${file}`);
  } finally {
    supervisor.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
