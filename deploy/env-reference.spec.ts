import { readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { serviceNames, type ServiceName } from '@mnemo/contracts';
import { tracingEnvironment } from '@mnemo/observability';
import { embedderConfigSchema } from '../apps/embedder/src/config/embedder.config';
import { extractorConfigSchema } from '../apps/extractor/src/config/extractor.config';
import { gatewayConfigSchema } from '../apps/gateway/src/config/gateway.config';
import { channelBConfigSchema } from '../apps/structured-data/src/channel-b/channel-b.config';
import { structuredDataConfigSchema } from '../apps/structured-data/src/config/structured-data.config';
import { vectorStoreConfigSchema } from '../apps/vector-store/src/config/vector-store.config';
import { webhookDispatcherConfigSchema } from '../apps/webhook-dispatcher/src/config/webhook-dispatcher.config';

// README.md's "Environment variables" table against what the services really read: every key of
// every service's config schema, and the OpenTelemetry variables the tracing setup honours.
const workspace = join(__dirname, '..');
const services = serviceNames;
type Service = ServiceName;

/** Each config schema a service parses at start, by the file that defines it. */
const configFiles: Record<string, { service: Service; schema: z.ZodType }> = {
  'apps/gateway/src/config/gateway.config.ts': { service: 'gateway', schema: gatewayConfigSchema },
  'apps/extractor/src/config/extractor.config.ts': {
    service: 'extractor',
    schema: extractorConfigSchema,
  },
  'apps/embedder/src/config/embedder.config.ts': {
    service: 'embedder',
    schema: embedderConfigSchema,
  },
  'apps/vector-store/src/config/vector-store.config.ts': {
    service: 'vector-store',
    schema: vectorStoreConfigSchema,
  },
  'apps/structured-data/src/config/structured-data.config.ts': {
    service: 'structured-data',
    schema: structuredDataConfigSchema,
  },
  'apps/structured-data/src/channel-b/channel-b.config.ts': {
    service: 'structured-data',
    schema: channelBConfigSchema,
  },
  'apps/webhook-dispatcher/src/config/webhook-dispatcher.config.ts': {
    service: 'webhook-dispatcher',
    schema: webhookDispatcherConfigSchema,
  },
};

interface Variable {
  name: string;
  readBy: Set<Service>;
  /** the default as the README shows it in backticks; undefined when there is none to check */
  default?: string;
}

/** The fields of an env schema: objects, `.extend()`, `.and()` and `.transform()` wrappers. */
function fieldsOf(schema: z.ZodType): [string, z.ZodType][] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>);
    case 'intersection':
      return [...fieldsOf(def.left as z.ZodType), ...fieldsOf(def.right as z.ZodType)];
    case 'pipe':
      return fieldsOf(def.in as z.ZodType);
    default:
      throw new Error(`cannot list the keys of a ${String(def.type)} schema`);
  }
}

/** The default a field takes when the variable is unset, unless it depends on the machine. */
function defaultOf(field: z.ZodType): string | undefined {
  const parsed = field.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return undefined;
  const data: unknown = parsed.data;
  const value = Array.isArray(data) ? data.join(',') : String(data);
  const machineBound = value.includes(hostname()) || value.includes(process.cwd());
  return value === '' || machineBound ? undefined : value;
}

function readVariables(): Map<string, Variable> {
  const variables = new Map<string, Variable>();
  for (const { service, schema } of Object.values(configFiles)) {
    for (const [name, field] of fieldsOf(schema)) {
      const variable = variables.get(name) ?? {
        name,
        readBy: new Set(),
        default: defaultOf(field),
      };
      variable.readBy.add(service);
      variables.set(name, variable);
    }
  }
  for (const otel of tracingEnvironment) {
    const literal = /^`([^`]*)`$/.exec(otel.default)?.[1];
    variables.set(otel.name, { name: otel.name, readBy: new Set(services), default: literal });
  }
  return variables;
}

interface Row {
  names: string[];
  defaultCell: string;
  readByCell: string;
}

/** The rows of the table under README.md's "Environment variables" heading. */
function readmeRows(): Row[] {
  const lines = readFileSync(join(workspace, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^#{2,4}\s+Environment variables\s*$/.test(line));
  if (start === -1) {
    throw new Error(
      'README.md has no "Environment variables" heading (##, ### or ####) with the table of every variable the services read',
    );
  }
  const section: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    section.push(line);
  }
  return section
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells[0] !== 'Variable')
    .map(([names = '', defaultCell = '', readByCell = '']) => ({
      names: [...names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]),
      defaultCell,
      readByCell,
    }));
}

/** Every `*.config.ts` under a directory of the workspace, the end-to-end suites left out. */
function configFilesIn(dir: string): string[] {
  return readdirSync(join(workspace, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory())
      return ['node_modules', 'mnemo-e2e'].includes(entry.name) ? [] : configFilesIn(path);
    return entry.name.endsWith('.config.ts') ? [path] : [];
  });
}

function readByOf(cell: string): Set<Service> {
  if (/every service/i.test(cell)) return new Set(services);
  return new Set(services.filter((service) => new RegExp(`\\b${service}\\b`).test(cell)));
}

function describeVariable(variable: Variable): string {
  const readBy =
    variable.readBy.size === services.length ? 'every service' : [...variable.readBy].join(', ');
  return `${variable.name} (read by ${readBy}; default ${variable.default === undefined ? 'none' : `\`${variable.default}\``})`;
}

describe('README.md environment variable reference', () => {
  const variables = readVariables();
  const rows = readmeRows();
  const documented = new Map(rows.flatMap((row) => row.names.map((name) => [name, row] as const)));

  it('covers every config schema of the services (a new *.config.ts must be listed above)', () => {
    const unlisted = configFilesIn('apps').filter((path) => !(path in configFiles));
    expect(unlisted).toEqual([]);
  });

  it('documents every variable a service reads', () => {
    const missing = [...variables.values()]
      .filter((variable) => !documented.has(variable.name))
      .map(describeVariable);
    if (missing.length > 0) {
      throw new Error(
        `README.md's "Environment variables" table lacks ${missing.length} variable(s) the services read:\n  ${missing.join('\n  ')}`,
      );
    }
  });

  it('documents no variable that no service reads', () => {
    const extra = [...documented.keys()].filter((name) => !variables.has(name));
    if (extra.length > 0) {
      throw new Error(
        `README.md's "Environment variables" table names ${extra.length} variable(s) no service reads (removed or misspelt?):\n  ${extra.join('\n  ')}`,
      );
    }
  });

  it("shows each variable's default and the services that read it", () => {
    const wrong = [...variables.values()].flatMap((variable) => {
      const row = documented.get(variable.name);
      if (!row) return [];
      const problems: string[] = [];
      if (variable.default !== undefined && !row.defaultCell.includes(`\`${variable.default}\``)) {
        problems.push(`default is \`${variable.default}\`, the README says "${row.defaultCell}"`);
      }
      const readBy = readByOf(row.readByCell);
      if ([...variable.readBy].sort().join() !== [...readBy].sort().join()) {
        problems.push(
          `read by ${describeVariable(variable).replace(/.*\(read by ([^;]*);.*/, '$1')}, the README says "${row.readByCell}"`,
        );
      }
      return problems.map((problem) => `${variable.name}: ${problem}`);
    });
    if (wrong.length > 0) {
      throw new Error(
        `README.md's "Environment variables" table is out of date:\n  ${wrong.join('\n  ')}`,
      );
    }
  });
});
