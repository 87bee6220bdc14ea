// The fault ledger: `npx tsx load-tests/fault-ledger.ts [--label after] [--topology cluster]`
// (about two and a half minutes). Clients add (synchronous OSS, asynchronous Platform) and search
// without pause while the runner SIGKILLs one service instance after another, restarts NATS (one
// node of the cluster) and restarts MariaDB; then it reconciles every acknowledged add and prints
// a table: lost, duplicated, failing windows, p99. `--topology cluster`: 3 NATS nodes, R3 streams,
// two instances of every service, the clients' requests spread over both gateways.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FleetSupervisor } from '@mnemo/devstack';
import {
  singleInstanceStack,
  startIsolatedStack,
  type IsolatedStack,
} from './runner/isolated-stack';
import { describeMachine } from './runner/machine';
import { createTenant } from './runner/noisy-tenant';
import { runLedgerClients, type LedgerEntry } from './runner/fault-ledger/ledger-clients';
import { firstAnswering, instancesDown } from './runner/fault-ledger/ledger-instances';
import { drainEvents, reconcile } from './runner/fault-ledger/ledger-reconcile';
import {
  ledgerMarkdown,
  summariseRoutes,
  type FaultMark,
} from './runner/fault-ledger/ledger-report';
import {
  ledgerTopology,
  roundRobin,
  type LedgerTopology,
} from './runner/fault-ledger/ledger-topology';

const WORKSPACE_ROOT = join(__dirname, '..');
const ADMIN_KEY = 'fault-ledger-admin-key';

const { values: args } = parseArgs({
  options: {
    label: { type: 'string', default: 'run' },
    topology: { type: 'string', default: 'single' },
    'fault-every': { type: 'string', default: '12' },
    calm: { type: 'string', default: '15' },
    drain: { type: 'string', default: '90' },
    'keep-data': { type: 'boolean', default: false },
    out: { type: 'string', default: join(WORKSPACE_ROOT, 'load-tests', 'reports') },
  },
});

const log = (line: string) => process.stdout.write(`[fault-ledger] ${line}\n`);

/** In turn: one instance of each service killed outright, then NATS, then MariaDB restarted. */
function faultPlan(
  stack: IsolatedStack,
  topology: LedgerTopology,
): { what: string; run: () => Promise<void> }[] {
  const kills = topology.kills.map((name) => ({
    what: `SIGKILL ${name}-0 (the supervisor restarts it)`,
    run: async () => {
      await stack.fleet.kill(name, 0);
    },
  }));
  const servers = [{ what: topology.natsFault, run: () => stack.restartNats(0) }];
  if (stack.restartMariaDb) {
    servers.push({
      what: 'restart MariaDB (stop, start on the same port and data)',
      run: stack.restartMariaDb,
    });
  }
  return [...kills, ...servers];
}

async function main(): Promise<void> {
  const topology = ledgerTopology(args.topology);
  log(`topology: ${topology.description}`);
  const loadBefore = loadavg();
  const stack = await startIsolatedStack({
    ...singleInstanceStack(WORKSPACE_ROOT),
    instances: topology.instances,
    natsNodes: topology.natsNodes,
    serviceEnv: {
      ...topology.serviceEnv,
      MNEMO_ADMIN_API_KEY: ADMIN_KEY,
      MNEMO_RATE_LIMIT_PER_MINUTE: '0',
    },
    keepData: args['keep-data'],
    log,
  });
  const supervisor = new FleetSupervisor(stack.fleet, { log });
  supervisor.start();
  try {
    const project = await createTenant(stack.baseUrl, ADMIN_KEY, 'ledger');
    const target = {
      baseUrl: stack.baseUrl,
      nextGateway: roundRobin(stack.baseUrls),
      adminKey: ADMIN_KEY,
      projectKey: project.apiKey,
    };
    const entries: LedgerEntry[] = [];
    const startedAt = Date.now();
    const plan = faultPlan(stack, topology);
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
    const notServing = await instancesDown(stack.metricsEndpoints, 30_000);
    if (notServing.length > 0) log(`not serving 30 s after the load: ${notServing.join(', ')}`);
    log(`load done: ${entries.length} requests; draining async adds`);
    const reads = { ...target, baseUrl: await firstAnswering(stack.baseUrls) };
    const events = await drainEvents(reads, entries, Number(args.drain) * 1000);
    const outcome = await reconcile(reads, entries, events);
    const routes = summariseRoutes(entries, calmFrom);
    const table = ledgerMarkdown(faults, routes, outcome);
    process.stdout.write(
      `\n${table}\n\nservice restarts: ${JSON.stringify(supervisor.restarts())}\n` +
        `instances not serving after the run: ${notServing.join(', ') || 'none'}\n`,
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
          topology: topology.description,
          machine: describeMachine(),
          loadAverage: { before: loadBefore, after: loadavg() },
          faults,
          routes,
          outcome,
          restarts: supervisor.restarts(),
          notServing,
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
