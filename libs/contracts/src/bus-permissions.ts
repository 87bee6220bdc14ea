import * as channelB from './channel-b.contracts';
import type { z } from 'zod';
import type { MessageContract, RequestContract } from './contract';
import { memoryEventsStream } from './memory-events.contracts';
import * as structured from './structured.contracts';
import * as core from './subjects';
import { healthContract, serviceNames, streams, type ServiceName } from './subjects';
import * as webhooks from './webhooks.contracts';

type AnyRequest = RequestContract<z.ZodType, z.ZodType>;
type AnyMessage = MessageContract<z.ZodType>;

/** A JetStream stream as the permissions see it: its name and the subjects it captures. */
export interface StreamRef {
  readonly name: string;
  readonly subjects: readonly string[];
}

/** What one service does on the bus; its NATS user may do exactly this and nothing more. */
export interface ServiceBusUse {
  /** request-reply subjects it answers (its health check is added for every service) */
  responds: readonly AnyRequest[];
  /** request-reply subjects it asks */
  requests: readonly AnyRequest[];
  /** core NATS messages it publishes and subscribes to */
  publishes: readonly AnyMessage[];
  subscribes: readonly AnyMessage[];
  /** streams it writes into (and creates or updates at start) */
  streamWrites: readonly StreamRef[];
  /** streams it reads with a durable pull consumer (created or updated at start) */
  streamReads: readonly StreamRef[];
  /** JetStream KV buckets it reads and writes */
  kvBuckets: readonly string[];
}

/** The KV bucket of runtime settings shared by every instance (see SettingsStore). */
export const settingsBucket = 'mnemo-settings';

/** The extractor's record of add jobs whose outcome is final, so a redelivered one is not run again. */
export const finishedAddsBucket = 'mnemo-finished-adds';

const requestsIn = (module: object): AnyRequest[] =>
  Object.values(module).filter(
    (value): value is AnyRequest => (value as { kind?: unknown })?.kind === 'request',
  );

const vectorStoreReads = [
  core.searchMemoriesContract,
  core.getMemoryContract,
  core.listMemoriesContract,
  core.memoryHistoryContract,
  core.listEntitiesContract,
];
const vectorStoreEdits = [
  core.updateMemoryContract,
  core.deleteMemoryContract,
  core.deleteMemoriesContract,
  core.resetMemoriesContract,
  core.deleteEntityContract,
];

const none = {
  responds: [],
  requests: [],
  publishes: [],
  subscribes: [],
  streamWrites: [],
  streamReads: [],
  kvBuckets: [],
} satisfies ServiceBusUse;

/**
 * Per service, the contracts it answers, asks, publishes and subscribes to, and its streams. The
 * gateway may not send `memory.write.apply.v1`: only the extractor applies writes directly.
 */
export const busUse: Record<ServiceName, ServiceBusUse> = {
  gateway: {
    ...none,
    requests: [
      ...vectorStoreReads,
      ...vectorStoreEdits,
      core.embedTextContract,
      core.writeOutcomeContract,
      core.generateInstructionsContract,
      ...requestsIn(structured),
      ...requestsIn(channelB),
      ...requestsIn(webhooks),
      ...serviceNames.map((name) => healthContract(name)),
    ],
    publishes: [core.rateLimitUsedContract],
    subscribes: [
      core.rateLimitUsedContract,
      core.memoryAddCompletedContract,
      core.memoryWriteCompletedContract,
    ],
    streamWrites: [streams.addJobs, streams.memoryWrites],
    streamReads: [streams.addEvents],
    kvBuckets: [settingsBucket],
  },
  extractor: {
    ...none,
    responds: [core.generateInstructionsContract],
    requests: [core.embedTextContract, core.searchMemoriesContract, core.applyWriteContract],
    streamWrites: [streams.addEvents],
    streamReads: [streams.addJobs],
    kvBuckets: [settingsBucket, finishedAddsBucket],
  },
  embedder: { ...none, responds: [core.embedTextContract] },
  'vector-store': {
    ...none,
    responds: [
      ...vectorStoreReads,
      ...vectorStoreEdits,
      core.applyWriteContract,
      core.writeOutcomeContract,
    ],
    requests: [core.embedTextContract],
    publishes: [core.memoryWriteCompletedContract],
    streamWrites: [memoryEventsStream],
    streamReads: [streams.memoryWrites],
  },
  'structured-data': {
    ...none,
    responds: [...requestsIn(structured), ...requestsIn(channelB)],
    requests: [core.listMemoriesContract, core.getMemoryContract, core.listEntitiesContract],
  },
  'webhook-dispatcher': {
    ...none,
    responds: requestsIn(webhooks),
    streamReads: [memoryEventsStream],
  },
};

/** The `permissions` block of a NATS user (nats-server 2.2 and later). */
export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  allow_responses: boolean;
}

/** Replies to this service's requests, and JetStream's answers, come back on its inboxes. */
const inboxes = '_INBOX.>';

/** The NATS permissions of a service's user, from its `busUse` entry. */
export function natsPermissions(service: ServiceName): NatsPermissions {
  const use = busUse[service];
  const responds = [...use.responds, healthContract(service)];
  const publish = [
    ...use.requests.map((c) => c.subject),
    ...use.publishes.map((c) => c.subject),
    ...use.streamWrites.flatMap((s) => [...s.subjects, ...streamAdmin(s)]),
    ...use.streamReads.flatMap((s) => [...streamAdmin(s), ...consumerApi(s)]),
    ...use.kvBuckets.flatMap(kvApi),
  ];
  // Every service opens a JobQueue at start, whose jetstreamManager() asks for the account info.
  publish.push('$JS.API.INFO');
  const subscribe = [
    ...responds.map((c) => c.subject),
    ...use.subscribes.map((c) => c.subject),
    inboxes,
  ];
  return {
    publish: { allow: unique(publish) },
    subscribe: { allow: unique(subscribe) },
    allow_responses: responds.length > 0,
  };
}

/** Creating the stream at start, or bringing it to the configured limits and replicas. */
function streamAdmin(stream: StreamRef): string[] {
  return ['INFO', 'CREATE', 'UPDATE'].map((verb) => `$JS.API.STREAM.${verb}.${stream.name}`);
}

/** Creating, reading and pulling from durable consumers on the stream, and acking what they hand out. */
function consumerApi(stream: StreamRef): string[] {
  return [
    `$JS.API.CONSUMER.CREATE.${stream.name}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream.name}.>`,
    `$JS.API.CONSUMER.INFO.${stream.name}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream.name}.>`,
    `$JS.ACK.${stream.name}.>`,
  ];
}

/** A KV bucket is the stream `KV_<bucket>`; its keys are the subjects `$KV.<bucket>.<key>`. */
function kvApi(bucket: string): string[] {
  const stream = `KV_${bucket}`;
  return [
    ...streamAdmin({ name: stream, subjects: [] }),
    `$KV.${bucket}.>`,
    `$JS.API.DIRECT.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}.>`,
    `$JS.API.STREAM.MSG.GET.${stream}`,
  ];
}

function unique(subjects: string[]): string[] {
  return [...new Set(subjects)];
}
