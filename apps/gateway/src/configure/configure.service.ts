import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  generateInstructionsContract,
  settingsKeys,
  type JsonObject,
} from '@mnemo/contracts';
import { NatsBus, SettingsStore } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';

export const bundledProviders = {
  llm: ['openai', 'local'],
  embedder: ['openai', 'local'],
} as const;

const secretKeys = new Set([
  'api_key',
  'password',
  'token',
  'secret',
  'jwt_secret',
  'authorization',
  'password_hash',
  'admin_api_key',
]);

/** `/configure`: the effective Mem0-style config, with overrides shared through the settings bucket. */
@Injectable()
export class ConfigureService {
  private store?: Promise<SettingsStore>;

  constructor(
    private readonly bus: NatsBus,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async current(): Promise<JsonObject> {
    const overrides = (await (await this.settings()).get<JsonObject>(settingsKeys.ossConfig)) ?? {};
    return redact(deepMerge(this.defaults(), overrides)) as JsonObject;
  }

  async merge(patch: JsonObject): Promise<void> {
    for (const kind of ['llm', 'embedder'] as const) {
      const provider = (patch[kind] as JsonObject | undefined)?.['provider'];
      if (
        provider !== undefined &&
        !(bundledProviders[kind] as readonly unknown[]).includes(provider)
      ) {
        throw new DomainError(
          'validation_failed',
          `Unsupported ${kind} provider ${JSON.stringify(provider)}; bundled: ${bundledProviders[kind].join(', ')}.`,
        );
      }
    }
    const store = await this.settings();
    const overrides = (await store.get<JsonObject>(settingsKeys.ossConfig)) ?? {};
    await store.put(settingsKeys.ossConfig, deepMerge(overrides, patch));
  }

  generateInstructions(useCase: string) {
    return this.bus.request(generateInstructionsContract, { useCase }, { timeoutMs: 120000 });
  }

  private defaults(): JsonObject {
    const env = this.config;
    const llm = env.MNEMO_LLM_PROVIDER;
    const embedder = env.MNEMO_EMBEDDER_PROVIDER;
    return {
      version: 'v1.1',
      llm: {
        provider: llm,
        config:
          llm === 'openai'
            ? {
                model: env.MNEMO_LLM_MODEL,
                api_key: env.OPENAI_API_KEY,
                openai_base_url: env.OPENAI_BASE_URL ?? null,
              }
            : { model: 'rules' },
      },
      embedder: {
        provider: embedder,
        config:
          embedder === 'openai'
            ? {
                model: env.MNEMO_EMBEDDING_MODEL,
                embedding_dims: env.MNEMO_EMBEDDING_DIMS ?? null,
                api_key: env.OPENAI_API_KEY,
              }
            : { model: 'glove-sg-100d-sif', embedding_dims: 100 },
      },
      vector_store: { provider: 'mnemo', config: { collection_name: 'memories' } },
      custom_instructions: null,
    };
  }

  private settings(): Promise<SettingsStore> {
    this.store ??= SettingsStore.open(this.bus.connection, this.bus.jetStreamReplicas);
    return this.store;
  }
}

function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      secretKeys.has(key.toLowerCase()) && inner ? '[redacted]' : redact(inner),
    ]),
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
