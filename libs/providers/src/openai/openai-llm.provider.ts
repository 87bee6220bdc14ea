import type OpenAI from 'openai';
import {
  isProviderError,
  ProviderError,
  type LlmCallObserver,
  type LlmCompletionRequest,
  type LlmProvider,
} from '../llm/llm-provider';
import { createOpenAiClient } from './openai-client.factory';
import {
  ProviderCircuit,
  type CircuitState,
  type ProviderBreakerOptions,
} from './provider-circuit';

export interface OpenAiLlmProviderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Deadline of one `complete()` call, retries and their backoff included. */
  timeoutMs: number;
  maxRetries: number;
  /** Deadline of a single HTTP attempt (default `timeoutMs`). */
  attemptTimeoutMs?: number;
  breaker?: ProviderBreakerOptions;
  /** Newer OpenAI models only accept `max_completion_tokens`; most compatible servers `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Name reported by the provider (default `openai`). */
  name?: string;
  /** Told of every finished call: latency, outcome, token usage. */
  observer?: LlmCallObserver;
}

/** Chat completions against any OpenAI-compatible endpoint, through the `openai` SDK. */
export class OpenAiLlmProvider implements LlmProvider {
  readonly name: string;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly circuit: ProviderCircuit;

  constructor(private readonly options: OpenAiLlmProviderOptions) {
    this.name = options.name ?? 'openai';
    this.model = options.model;
    this.client = createOpenAiClient({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      attemptTimeoutMs: options.attemptTimeoutMs ?? options.timeoutMs,
      maxRetries: options.maxRetries,
    });
    this.circuit = new ProviderCircuit(`${this.name}-llm`, options.timeoutMs, options.breaker);
  }

  get circuitState(): CircuitState {
    return this.circuit.state;
  }

  async complete(req: LlmCompletionRequest): Promise<string> {
    const params = this.toParams(req);
    const started = performance.now();
    let usage: OpenAI.CompletionUsage | undefined;
    try {
      const content = await this.circuit.run(async (signal) => {
        const completion = await this.client.chat.completions.create(params, { signal });
        usage = completion.usage;
        return contentOf(completion);
      });
      this.observe(started, 'ok', usage);
      return content;
    } catch (err) {
      this.observe(started, isProviderError(err) ? err.code : 'unknown', usage);
      throw err;
    }
  }

  /** Stops the circuit breaker's timers. */
  close(): void {
    this.circuit.shutdown();
  }

  private observe(
    started: number,
    outcome: 'ok' | ProviderError['code'],
    usage: OpenAI.CompletionUsage | undefined,
  ): void {
    this.options.observer?.({
      model: this.model,
      seconds: (performance.now() - started) / 1000,
      outcome,
      promptTokens: usage?.prompt_tokens,
      completionTokens: usage?.completion_tokens,
    });
  }

  private toParams(req: LlmCompletionRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
    return {
      model: this.model,
      messages: req.messages.map(({ role, content }) => ({ role, content })),
      ...(req.json ? { response_format: { type: 'json_object' as const } } : {}),
      ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
      ...(req.maxTokens === undefined
        ? {}
        : { [this.options.maxTokensField ?? 'max_tokens']: req.maxTokens }),
    };
  }
}

function contentOf(completion: OpenAI.Chat.ChatCompletion): string {
  const message = completion.choices?.[0]?.message;
  if (typeof message?.content === 'string') return message.content;
  const why = message?.refusal ? `refused: ${message.refusal}` : 'answered no message content';
  throw new ProviderError('provider_bad_request', `provider ${why}`, false);
}
