import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { FakeOpenAiServerOptions } from './fake-openai.server';

const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  apiKey: z.string().min(1).optional(),
  latencyMs: z.coerce.number().min(0).default(0),
});

/**
 * Options of the standalone fake: `--port`, `--host`, `--api-key`, `--latency-ms`, or the
 * environment variables FAKE_OPENAI_PORT, FAKE_OPENAI_HOST, FAKE_OPENAI_API_KEY,
 * FAKE_OPENAI_LATENCY_MS; flags win over the environment.
 */
export function parseFakeOpenAiArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): FakeOpenAiServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'latency-ms': { type: 'string' },
    },
  });
  return optionsSchema.parse({
    port: values.port ?? env['FAKE_OPENAI_PORT'],
    host: values.host ?? env['FAKE_OPENAI_HOST'],
    apiKey: values['api-key'] ?? env['FAKE_OPENAI_API_KEY'],
    latencyMs: values['latency-ms'] ?? env['FAKE_OPENAI_LATENCY_MS'],
  });
}
