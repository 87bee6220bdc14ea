import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { memoryEventTypes, type MemoryEventPayload } from '@mnemo/contracts';
import { deliveryId, webhookBody } from './delivery-payload';
import { signatureHeaders } from './webhook-signer';

const documentPath = resolve(__dirname, '../../../../docs/asyncapi-webhooks.yaml');
const document = parse(readFileSync(documentPath, 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
  addFormats(ajv);
  return ajv;
}

/** Errors of a value against a schema of the document, its $refs resolved in place. */
function errorsOf(pointer: string, value: unknown) {
  const ajv = validator();
  ajv.addSchema(document, 'webhooks');
  const validate = ajv.getSchema(`webhooks#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate(value) ? [] : validate.errors;
}

const event = (type: MemoryEventPayload['type']): MemoryEventPayload => ({
  event_id: '0b7f3c1e-4d2a-4f3e-9a1b-2c3d4e5f6a7b',
  type,
  project_id: 'default',
  occurred_at: '2025-05-02T08:00:00.000Z',
  actor: null,
  memory: {
    id: '3a0e4c8e-1b7d-4c3e-9f3a-3b2d1c0e9f8a',
    memory: 'Likes Sichuan cuisine',
    user_id: 'alice',
    agent_id: null,
    app_id: null,
    run_id: null,
    metadata: null,
    categories: ['food'],
    expiration_date: null,
    created_at: '2025-05-01T10:00:00.000Z',
    updated_at: '2025-05-01T10:00:00.000Z',
  },
});

const payloadOf = (message: string) => `/components/messages/${message}/payload`;

describe('docs/asyncapi-webhooks.yaml', () => {
  it('is a valid AsyncAPI 3.0 document', () => {
    const specPath = require.resolve('@asyncapi/specs/schemas/3.0.0.json');
    const validate = validator().compile(JSON.parse(readFileSync(specPath, 'utf8')) as object);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  }, 30_000);

  it('describes the body the dispatcher sends for every memory event type', () => {
    const messageFor = (type: string) =>
      type === 'memory.categorized' ? 'memoryCategorized' : 'memoryChanged';
    const errors = memoryEventTypes.map((type) => ({
      type,
      errors: errorsOf(payloadOf(messageFor(type)), JSON.parse(webhookBody(event(type)))),
    }));
    expect(errors).toEqual(memoryEventTypes.map((type) => ({ type, errors: [] })));
    const categorized = JSON.parse(webhookBody(event('memory.categorized'))) as unknown;
    expect(errorsOf(payloadOf('memoryChanged'), categorized)).not.toEqual([]);
  });

  it('describes the signature headers, with both secrets during a rotation', () => {
    const body = webhookBody(event('memory.created'));
    const at = new Date('2025-05-02T08:00:00.000Z');
    const secrets = {
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      previousSecret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
      rotatedAt: new Date(at.getTime() - 1000),
    };
    const signed = signatureHeaders(deliveryId('event-1', 'webhook-1'), at, body, secrets, 60_000);
    const headers = {
      ...signed,
      'content-type': 'application/json',
      'user-agent': 'Mnemo-Webhooks/1',
    };
    expect(signed['webhook-signature'].split(' ')).toHaveLength(2);
    expect(errorsOf('/components/schemas/WebhookHeaders', headers)).toEqual([]);
    const unsigned = { ...headers, 'webhook-signature': 'none' };
    expect(errorsOf('/components/schemas/WebhookHeaders', unsigned)).not.toEqual([]);
  });
});
