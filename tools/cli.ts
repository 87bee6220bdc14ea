import { join } from 'node:path';
import { loadCliConfig } from './commands/cli-config';
import { benchCommand } from './commands/bench.command';
import { complain } from './commands/console-output';
import { isShuttingDown } from './commands/shutdown-signals';
import { stackCommand } from './commands/stack.command';
import { startCommand } from './commands/start.command';
import { testCommand } from './commands/test.command';

const USAGE = `Usage: node tools/bootstrap.mjs <command>
  start [--verbose]          MariaDB, NATS and the six services; Ctrl-C stops everything
  test [--no-lint] [--keep-data] [-- jest args]
                             build, lint and every test against a throwaway stack
  stack up|down|status       MariaDB and NATS alone, in the background
  stack deploy-accounts      rewrite deploy/'s MySQL accounts script from the generator
  bench [args]               the load tests in load-tests/`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadCliConfig(join(__dirname, '..'));
  switch (command) {
    case 'start':
      await startCommand(config, args);
      return -1;
    case 'test':
      return testCommand(config, args);
    case 'stack':
      return stackCommand(config, args);
    case 'bench':
      return benchCommand(config, args);
    default:
      process.stderr.write(`${USAGE}\n`);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  // `start` keeps running until a signal; every other command exits with its own code.
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    // A step cut short by Ctrl-C fails too; the signal handler finishes the stop and exits.
    if (isShuttingDown()) return;
    complain(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
