import type OpenAI from 'openai';
import type { EmbeddingProvider, EmbeddingPurpose } from '../embedding/embedding-provider';
import { ProviderError } from '../llm/llm-provider';
import { MicroBatcher } from './micro-batcher';
import { createOpenAiClient } from './openai-client.factory';
import {
  ProviderCircuit,
  type CircuitState,
  type ProviderBreakerOptions,
} from './provider-circuit';

export interface OpenAiEmbeddingProviderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Length of every vector; sent as `dimensions` unless `sendDimensions` is false. */
  dims: number;
  /** Deadline of one batched request, retries and their backoff included. */
  timeoutMs: number;
  maxRetries?: number;
  /** Deadline of a single HTTP attempt (default `timeoutMs`). */
  attemptTimeoutMs?: number;
  /** Most texts in one request (default 64). */
  maxBatch?: number;
  /**
   * How long a text waits for others to share its request while an earlier request is still out
   * (default 3 ms); with none out, it leaves at once.
   */
  maxWaitMs?: number;
  /** Models with a fixed size (e.g. `text-embedding-ada-002`) reject `dimensions`. */
  sendDimensions?: boolean;
  /**
   * Some compatible servers only speak `float`; base64 (the default) is about four times smaller on
   * the wire and is read straight into a Float32Array.
   */
  encodingFormat?: 'base64' | 'float';
  breaker?: ProviderBreakerOptions;
  /** Name reported by the provider (default `openai`). */
  name?: string;
  /** Told the tokens the server counted for each request it answered. */
  onTokens?: (tokens: number) => void;
}

/**
 * Embeddings from any OpenAI-compatible endpoint. Concurrent `embed()` calls are merged into
 * shared requests by a micro-batcher; vectors come back L2-normalised.
 */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  readonly model: string;
  readonly dims: number;
  private readonly client: OpenAI;
  private readonly circuit: ProviderCircuit;
  private readonly batcher: MicroBatcher<string, Float32Array>;

  constructor(private readonly options: OpenAiEmbeddingProviderOptions) {
    this.name = options.name ?? 'openai';
    this.model = options.model;
    this.dims = options.dims;
    this.client = createOpenAiClient({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      attemptTimeoutMs: options.attemptTimeoutMs ?? options.timeoutMs,
      maxRetries: options.maxRetries ?? 2,
    });
    this.circuit = new ProviderCircuit(
      `${this.name}-embedding`,
      options.timeoutMs,
      options.breaker,
    );
    this.batcher = new MicroBatcher({
      run: (texts) => this.circuit.run((signal) => this.request(texts, signal)),
      maxBatch: options.maxBatch ?? 64,
      maxWaitMs: options.maxWaitMs ?? 3,
    });
  }

  get circuitState(): CircuitState {
    return this.circuit.state;
  }

  /** OpenAI models embed queries and documents alike, so `purpose` does not change the request. */
  embed(texts: string[], _purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    return this.batcher.submit(texts);
  }

  /** Stops the circuit breaker's timers. */
  close(): void {
    this.circuit.shutdown();
  }

  private async request(texts: string[], signal: AbortSignal): Promise<Float32Array[]> {
    // Named explicitly, base64 comes back undecoded: the SDK's own decoding builds a number[] of
    // every vector, which `normalised` then copies back into a Float32Array.
    const response = await this.client.embeddings.create(
      {
        model: this.model,
        input: texts,
        ...(this.options.sendDimensions === false ? {} : { dimensions: this.dims }),
        encoding_format: this.options.encodingFormat ?? 'base64',
      },
      { signal },
    );
    const tokens = response.usage?.prompt_tokens;
    if (tokens) this.options.onTokens?.(tokens);
    const byIndex = [...response.data].sort((a, b) => a.index - b.index);
    if (byIndex.length !== texts.length) {
      throw badResponse(`answered ${byIndex.length} vectors for ${texts.length} texts`);
    }
    return byIndex.map((item) => this.normalised(item.embedding));
  }

  /** `embedding` is base64 float32 unless the server was asked for `float`. */
  private normalised(embedding: ArrayLike<number> | string): Float32Array {
    const vector = typeof embedding === 'string' ? float32FromBase64(embedding) : embedding;
    if (vector.length !== this.dims) {
      throw badResponse(`answered a ${vector.length}-d vector, configured for ${this.dims}`);
    }
    return l2Normalise(vector instanceof Float32Array ? vector : Float32Array.from(vector));
  }
}

/** A vector of its own (the decoded bytes may sit at an offset no Float32Array may start at). */
function float32FromBase64(encoded: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % Float32Array.BYTES_PER_ELEMENT !== 0) {
    throw badResponse(`answered ${bytes.length} bytes of base64, not a float32 vector`);
  }
  const vector = new Float32Array(bytes.length / Float32Array.BYTES_PER_ELEMENT);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}

function badResponse(what: string): ProviderError {
  return new ProviderError('provider_bad_request', `embedding provider ${what}`, false);
}

function l2Normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i] / norm;
  return vector;
}
