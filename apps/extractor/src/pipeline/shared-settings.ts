import { Injectable } from '@nestjs/common';
import { settingsKeys, type JsonObject } from '@mnemo/contracts';
import { NatsBus, SettingsStore } from '@mnemo/messaging';

const ttlMs = 5000;

/** Reads the `/configure` overrides that affect extraction, cached for a few seconds. */
@Injectable()
export class SharedSettings {
  private store?: Promise<SettingsStore>;
  private cached?: { at: number; value: JsonObject };

  constructor(private readonly bus: NatsBus) {}

  /** Default extraction instructions (`custom_instructions`, or Mem0's older key). */
  async customInstructions(): Promise<string | undefined> {
    const config = await this.ossConfig();
    const value = config['custom_instructions'] ?? config['custom_fact_extraction_prompt'];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  }

  private async ossConfig(): Promise<JsonObject> {
    if (this.cached && Date.now() - this.cached.at < ttlMs) return this.cached.value;
    this.store ??= SettingsStore.open(this.bus.connection, this.bus.jetStreamReplicas);
    const value = (await (await this.store).get<JsonObject>(settingsKeys.ossConfig)) ?? {};
    this.cached = { at: Date.now(), value };
    return value;
  }
}
