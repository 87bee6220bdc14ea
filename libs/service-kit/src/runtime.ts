import type { z } from 'zod';
import type { baseConfigSchema } from '@mnemo/config';
import type { ServiceName } from '@mnemo/contracts';
import type { JobQueue, NatsBus } from '@mnemo/messaging';
import type { Logger, ServiceMetrics } from '@mnemo/observability';

export type BaseConfig = z.output<typeof baseConfigSchema>;

/** What every service has before Nest starts: injected by class token into any provider. */
export abstract class ServiceRuntime {
  abstract readonly service: ServiceName;
  abstract readonly instanceId: string;
  abstract readonly startedAt: number;
  abstract readonly logger: Logger;
  abstract readonly metrics: ServiceMetrics;
  abstract readonly bus: NatsBus;
  abstract readonly jobs: JobQueue;
}

/** Injection tokens for values that have no class of their own. */
export const APP_CONFIG = Symbol('APP_CONFIG');
