import { z } from 'zod';
import type { FakeOpenAiServer, PlannedReply } from './fake-openai.server';
import { errorBody } from './fake-openai.wire';

const httpReplySchema = z.object({
  status: z.number().int().min(100).max(599),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const chatRepliesSchema = z.object({
  replies: z.array(
    z.union([
      z.string(),
      httpReplySchema,
      z.object({ delayMs: z.number().min(0), content: z.string() }),
    ]),
  ),
});

const embeddingsRepliesSchema = z.object({
  replies: z.array(z.union([httpReplySchema, z.object({ delayMs: z.number().min(0) })])),
});

const latencySchema = z.object({ ms: z.number().min(0) });

/**
 * Steers a fake running in another process (`fake-openai.main.ts`) over HTTP, under `/__fake/`:
 * `GET requests`, `POST chat-replies`, `POST embeddings-replies`, `POST latency`, `POST reset`.
 * Only the serialisable parts of the in-process API are reachable this way.
 */
export function handleControl(
  fake: FakeOpenAiServer,
  method: string | undefined,
  path: string,
  body: unknown,
): PlannedReply {
  const action = `${method ?? ''} ${path.replace(/\/+$/, '')}`;
  try {
    switch (action) {
      case 'GET /__fake/requests':
        return { status: 200, body: { requests: fake.requests } };
      case 'POST /__fake/chat-replies':
        fake.scriptChat(...chatRepliesSchema.parse(body).replies);
        return { status: 204 };
      case 'POST /__fake/embeddings-replies':
        fake.scriptEmbeddings(...embeddingsRepliesSchema.parse(body).replies);
        return { status: 204 };
      case 'POST /__fake/latency':
        fake.setLatency(latencySchema.parse(body).ms);
        return { status: 204 };
      case 'POST /__fake/reset':
        fake.reset();
        return { status: 204 };
      default:
        return { status: 404, body: errorBody(404, `Unknown control request: ${action}.`) };
    }
  } catch (err) {
    return { status: 400, body: errorBody(400, err instanceof Error ? err.message : String(err)) };
  }
}
