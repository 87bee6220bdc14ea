import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { busUse, natsPermissions, type ServiceBusUse } from './bus-permissions';
import * as contracts from './index';
import { serviceNames, type ServiceName } from './subjects';

const root = join(__dirname, '..', '..', '..');
const byName = contracts as unknown as Record<string, { kind?: string; subject?: string }>;
const defined = Object.entries(byName).filter(([, value]) => value?.kind !== undefined);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /(?<!\.spec)\.ts$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** The contracts an app names as the first argument of `.<method>(`, across its sources. */
function contractsUsed(service: ServiceName, method: RegExp): string[] {
  const names = new Set<string>();
  const call = new RegExp(`\\.${method.source}\\(\\s*([A-Za-z]+Contract)\\b`, 'g');
  for (const text of sources(join(root, 'apps', service, 'src'))) {
    for (const match of text.matchAll(call)) names.add(match[1]);
  }
  // healthContract(name) is the health table's own business (see natsPermissions).
  names.delete('healthContract');
  return [...names];
}

const subjectsOf = (list: readonly { subject: string }[]) => list.map((c) => c.subject);
const streamSubjects = (use: ServiceBusUse, key: 'streamWrites' | 'streamReads') =>
  use[key].flatMap((stream) => stream.subjects);

describe('busUse', () => {
  it('gives every request contract exactly one responding service', () => {
    for (const [name, contract] of defined.filter(([, c]) => c.kind === 'request')) {
      const responders = serviceNames.filter((s) =>
        subjectsOf(busUse[s].responds).includes(contract.subject!),
      );
      expect({ name, responders: responders.length }).toEqual({ name, responders: 1 });
    }
  });

  it('has every message contract published, on core NATS or into a stream', () => {
    for (const [name, contract] of defined.filter(([, c]) => c.kind === 'message')) {
      const publishers = serviceNames.filter(
        (s) =>
          subjectsOf(busUse[s].publishes).includes(contract.subject!) ||
          streamSubjects(busUse[s], 'streamWrites').includes(contract.subject!),
      );
      expect({ name, published: publishers.length > 0 }).toEqual({ name, published: true });
    }
  });

  it.each(serviceNames)(
    'lists what %s answers, asks, publishes and subscribes in its code',
    (s) => {
      const use = busUse[s];
      const subject = (name: string) =>
        byName[name]?.subject ?? `${name} (not in @mnemo/contracts)`;
      for (const name of contractsUsed(s, /respond/)) {
        expect(subjectsOf(use.responds)).toContain(subject(name));
      }
      for (const name of contractsUsed(s, /bus\.request/)) {
        expect(subjectsOf(use.requests)).toContain(subject(name));
      }
      for (const name of contractsUsed(s, /bus\.publish/)) {
        expect(subjectsOf(use.publishes)).toContain(subject(name));
      }
      for (const name of contractsUsed(s, /bus\.subscribe/)) {
        expect(subjectsOf(use.subscribes)).toContain(subject(name));
      }
      for (const name of contractsUsed(s, /jobs\.publish/)) {
        expect(streamSubjects(use, 'streamWrites')).toContain(subject(name));
      }
    },
  );

  it('has every request a service makes answered by some service', () => {
    const answered = serviceNames.flatMap((s) => [
      ...subjectsOf(busUse[s].responds),
      `health.${s}.check.v1`,
    ]);
    for (const s of serviceNames) {
      for (const asked of subjectsOf(busUse[s].requests)) expect(answered).toContain(asked);
    }
  });
});

describe(natsPermissions.name, () => {
  it('lets the extractor, and not the gateway, send a write command to apply', () => {
    const apply = contracts.applyWriteContract.subject;
    expect(natsPermissions('extractor').publish.allow).toContain(apply);
    expect(natsPermissions('gateway').publish.allow).not.toContain(apply);
  });

  it('lets a responder answer and subscribe to its health check, and ask JetStream only its info', () => {
    const embedder = natsPermissions('embedder');
    expect(embedder.allow_responses).toBe(true);
    expect(embedder.subscribe.allow).toEqual([
      'embedding.text.embed.v1',
      'health.embedder.check.v1',
      '_INBOX.>',
    ]);
    expect(embedder.publish.allow).toEqual(['$JS.API.INFO']);
  });

  it('narrows JetStream to the streams a service uses', () => {
    const dispatcher = natsPermissions('webhook-dispatcher').publish.allow;
    expect(dispatcher).toContain('$JS.API.CONSUMER.MSG.NEXT.MNEMO_MEMORY_EVENTS.>');
    expect(dispatcher).toContain('$JS.ACK.MNEMO_MEMORY_EVENTS.>');
    expect(dispatcher.some((subject) => subject.includes('MNEMO_ADD_JOBS'))).toBe(false);
    expect(dispatcher).not.toContain('mnemo.memory.>');
  });
});
