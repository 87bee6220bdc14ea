import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  memoryEventSchema,
  memoryEventSubject,
  memoryEventsStream,
  memoryEventTypes,
  type MemoryEventType,
  type MemoryRecord,
} from '@mnemo/contracts';
import { memoryCreatedEvents, memoryUpdatedEvents } from './memory-event.builder';

interface AsyncApiDocument {
  asyncapi: string;
  info: { 'x-jetstream': { stream: string; subjects: string[] } };
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  components: {
    messages: Record<string, { name: string }>;
    schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
  };
}

const documentPath = resolve(__dirname, '../../../../docs/asyncapi.yaml');
const document = parse(readFileSync(documentPath, 'utf8')) as AsyncApiDocument;

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
  addFormats(ajv);
  return ajv;
}

/** Validates a payload against one of the document's messages, its $refs resolved in place. */
function payloadValidator(message: string) {
  const ajv = validator();
  ajv.addSchema(document, 'asyncapi');
  const validate = ajv.getSchema(`asyncapi#/components/messages/${message}/payload`);
  if (!validate) throw new Error(`no payload for ${message}`);
  return validate;
}

const record: MemoryRecord = {
  id: '3a0e4c8e-1b7d-4c3e-9f3a-3b2d1c0e9f8a',
  projectId: 'default',
  memory: 'Likes Sichuan cuisine',
  hash: 'h',
  metadata: { source: 'chat' },
  categories: ['food'],
  userId: 'alice',
  agentId: null,
  appId: null,
  runId: null,
  actorId: 'alice',
  role: 'user',
  expirationDate: null,
  createdAt: '2025-05-01T10:00:00.000Z',
  updatedAt: '2025-05-01T10:00:00.000Z',
};

describe('docs/asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3.0 document', () => {
    const specPath = require.resolve('@asyncapi/specs/schemas/3.0.0.json');
    const validate = validator().compile(JSON.parse(readFileSync(specPath, 'utf8')) as object);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(document.asyncapi).toBe('3.0.0');
  }, 30_000);

  it('names the stream and one channel per event type with the subjects the relay uses', () => {
    expect(document.info['x-jetstream']).toMatchObject({
      stream: memoryEventsStream.name,
      subjects: [...memoryEventsStream.subjects],
    });
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    const expected = memoryEventTypes.map((type: MemoryEventType) =>
      memoryEventSubject('PROJECT', type).replace('PROJECT', '{projectId}'),
    );
    expect(addresses).toEqual(expected);
    const names = Object.values(document.components.messages).map((message) => message.name);
    expect(names).toEqual([...memoryEventTypes]);
  });

  it('lists the same payload fields as the zod contract', () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.MemoryEvent.properties ?? {})).toEqual(
      Object.keys(memoryEventSchema.shape),
    );
    expect(Object.keys(schemas.Memory.properties ?? {})).toEqual(
      Object.keys(memoryEventSchema.shape.memory.shape),
    );
  });

  it('accepts the events the vector-store builds and rejects a mislabelled one', () => {
    const at = new Date('2025-05-02T08:00:00.000Z');
    const [created, categorized] = memoryCreatedEvents(record, { at, actor: { actorId: 'alice' } });
    const [updated] = memoryUpdatedEvents(record, { ...record, memory: 'Loves Sichuan' }, { at });
    const check = (message: string, payload: unknown) => {
      const validate = payloadValidator(message);
      return validate(payload) ? [] : validate.errors;
    };
    expect(check('memoryCreated', created.payload)).toEqual([]);
    expect(check('memoryCategorized', categorized.payload)).toEqual([]);
    expect(check('memoryUpdated', updated.payload)).toEqual([]);
    expect(check('memoryDeleted', created.payload)).toEqual([
      expect.objectContaining({ instancePath: '/type', keyword: 'const' }),
    ]);
  });
});
