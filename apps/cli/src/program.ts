import { Command, InvalidArgumentError, Option } from 'commander';
import { addCommand, type AddCommandOptions } from './commands/add.command';
import { exportCommand, type ExportCommandOptions } from './commands/export.command';
import { importCommand, type ImportCommandOptions } from './commands/import.command';
import { searchCommand, type SearchCommandOptions } from './commands/search.command';
import { statsCommand, type StatsCommandOptions } from './commands/stats.command';
import { defaultMem0Host, defaultMnemoUrl } from './targets';
import { cliVersion } from './version';

/** The exit code a command's action ends with; `main` exits with it. */
export interface ExitCode {
  code: number;
}

const integer = (name: string) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return parsed;
};

const decimal = (name: string) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError(`${name} must be a number`);
  return parsed;
};

function withScope(command: Command, what: string): Command {
  return command
    .option('--user-id <id>', `${what} of this user`)
    .option('--agent-id <id>', `${what} of this agent`)
    .option('--app-id <id>', `${what} of this app`)
    .option('--run-id <id>', `${what} of this run`);
}

/** The `mnemo` program; each action stores its exit code in `exit`. */
export function buildProgram(exit: ExitCode): Command {
  const program = new Command('mnemo')
    .description(
      'Move memories into and out of Mnemo, and look at them: import from Mem0 (an export file, a ' +
        'Platform project, an open-source server), export, search, add, stats.',
    )
    .version(cliVersion)
    .addOption(
      new Option('--url <url>', 'the Mnemo server').env('MNEMO_URL').default(defaultMnemoUrl),
    )
    .addOption(
      new Option(
        '--api-key <key>',
        'a project key (or the admin key, for the default project)',
      ).env('MNEMO_API_KEY'),
    )
    .showHelpAfterError('(mnemo --help lists the commands)');

  withScope(
    program
      .command('import')
      .description(
        'Import memories from a Mem0 export file (JSON: an array as MemoryClient.getAll() returns ' +
          'it, or an object with "results"), a Mem0 Platform project or an open-source Mem0 server. ' +
          'Ids, metadata, categories, timestamps and scopes are kept. Run it again after an ' +
          'interruption: what is there already is skipped as a duplicate.',
      )
      .argument('[file]', 'a Mem0 export file (JSON)')
      .option('--from-platform', 'read from a Mem0 Platform project, through its API')
      .addOption(
        new Option(
          '--mem0-host <host>',
          `the Platform's API host (default ${defaultMem0Host})`,
        ).env('MEM0_HOST'),
      )
      .addOption(
        new Option(
          '--mem0-api-key <key>',
          'the Mem0 key: the Platform API key, or the X-API-Key of an open-source server',
        ).env('MEM0_API_KEY'),
      )
      .option('--from-oss <url>', "read from an open-source Mem0 server's REST API"),
    'only the memories',
  )
    .option('--batch-size <n>', 'memories per request (at most 1000)', integer('--batch-size'), 500)
    .option('--concurrency <n>', 'requests in flight at once', integer('--concurrency'), 2)
    .option(
      '--report <file>',
      'write the whole report (failures, duplicates, replaced ids) as JSON',
    )
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string | undefined, _options: unknown, command: Command) => {
      exit.code = await importCommand(file, command.optsWithGlobals<ImportCommandOptions>());
    });

  withScope(
    program
      .command('export')
      .description(
        "Export the project's memories (or a user's, an agent's) to a JSON file in the shape " +
          'MemoryClient.getAll() returns, which mnemo import reads back.',
      )
      .argument('<file>', 'the JSON file to write'),
    'only the memories',
  )
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, _options: unknown, command: Command) => {
      exit.code = await exportCommand(file, command.optsWithGlobals<ExportCommandOptions>());
    });

  withScope(
    program
      .command('search')
      .description(
        'Search memories by meaning and keywords (the whole project unless a scope is named).',
      )
      .argument('<query>', 'what to look for'),
    'only the memories',
  )
    .option('--top-k <n>', 'how many results', integer('--top-k'), 10)
    .option('--threshold <score>', 'the lowest score shown (0 to 1)', decimal('--threshold'))
    .option('--json', 'print the results as JSON')
    .action(async (query: string, _options: unknown, command: Command) => {
      exit.code = await searchCommand(query, command.optsWithGlobals<SearchCommandOptions>());
    });

  withScope(
    program
      .command('add')
      .description('Remember a message for a user, agent, app or run.')
      .argument('<text>', 'the message'),
    'for',
  )
    .option('--role <role>', 'who said it', 'user')
    .option('--metadata <json>', 'a JSON object stored with the memories')
    .option('--no-infer', 'store the text as it is, without extracting facts')
    .option('--no-wait', 'queue the add and return at once')
    .option('--json', 'print the answer as JSON')
    .action(async (text: string, _options: unknown, command: Command) => {
      exit.code = await addCommand(text, command.optsWithGlobals<AddCommandOptions>());
    });

  program
    .command('stats')
    .description("The key's project: its memories, users, agents, apps and runs.")
    .option('--top <n>', 'how many entities to list by memory count', integer('--top'), 10)
    .option('--json', 'print the numbers as JSON')
    .action(async (_options: unknown, command: Command) => {
      exit.code = await statsCommand(command.optsWithGlobals<StatsCommandOptions>());
    });

  return program;
}
