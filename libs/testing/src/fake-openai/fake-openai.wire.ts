import { z } from 'zod';

// Only what the fake reads is checked; everything else an SDK sends is accepted and recorded.
const messageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  response_format: z.looseObject({ type: z.string() }).optional(),
  stream: z.boolean().nullish(),
});

export type FakeChatRequest = z.infer<typeof chatRequestSchema>;

export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number()).min(1),
    z.array(z.array(z.number())).min(1),
  ]),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

export type FakeEmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

/** The texts of an embeddings request; token arrays are embedded by their JSON form. */
export function embeddingInputs(input: FakeEmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** A rough token count (about four characters a token), stable for a given text. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function messageText(content: FakeChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return content ? JSON.stringify(content) : '';
}

export function chatCompletionBody(id: string, request: FakeChatRequest, content: string) {
  const promptTokens = request.messages.reduce(
    (sum, message) => sum + approxTokens(messageText(message.content)),
    0,
  );
  const completionTokens = approxTokens(content);
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: 'fp_fake',
  };
}

export function embeddingsBody(
  request: FakeEmbeddingsRequest,
  texts: string[],
  vectors: number[][],
) {
  const promptTokens = texts.reduce((sum, text) => sum + approxTokens(text), 0);
  const base64 = request.encoding_format === 'base64';
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector,
    })),
    model: request.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

interface ErrorKind {
  type: string;
  code: string | null;
  message: string;
}

const badRequest: ErrorKind = {
  type: 'invalid_request_error',
  code: null,
  message: 'Invalid request.',
};

const errorKinds: Record<number, ErrorKind> = {
  400: badRequest,
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: 'Incorrect API key provided.',
  },
  404: { type: 'invalid_request_error', code: 'unknown_url', message: 'Unknown request URL.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests.',
  },
};

const serverError: ErrorKind = {
  type: 'server_error',
  code: null,
  message: 'The server had an error while processing your request.',
};

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function errorBody(status: number, message?: string) {
  const kind = errorKinds[status] ?? (status >= 500 ? serverError : badRequest);
  return {
    error: { message: message ?? kind.message, type: kind.type, param: null, code: kind.code },
  };
}
