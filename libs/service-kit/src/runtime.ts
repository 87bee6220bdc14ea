import type { z } from 'zod';
import type { baseConfigSchema } from '@mnemo/config';
import type { ServiceName } from '@mnemo/contracts';
import type { JobQueue, NatsBus } from '@mnemo/messaging';
import type { Logger, ServiceMetrics } from '@mnemo/observability';

export type BaseConfig = z.output<typeof baseConfigSchema>;

/**
 * Everything a service has before Nest starts. Only the starter and the module that provides its
 * parts need it whole: a provider injects the part it uses (LOGGER, SERVICE_METRICS,
 * ServiceIdentity, NatsBus, JobQueue).
 */
export abstract class ServiceRuntime {
  abstract readonly service: ServiceName;
  abstract readonly instanceId: string;
  abstract readonly startedAt: number;
  abstract readonly logger: Logger;
  abstract readonly metrics: ServiceMetrics;
  abstract readonly bus: NatsBus;
  abstract readonly jobs: JobQueue;
}

/** Which service this process is, which instance of it, and when it started (epoch ms). */
export class ServiceIdentity {
  constructor(
    readonly service: ServiceName,
    readonly instanceId: string,
    readonly startedAt: number,
  ) {}
}

/** Injection tokens for values that have no class of their own. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** The service's pino `Logger`. */
export const LOGGER = Symbol('LOGGER');
/** The service's `ServiceMetrics` (its Prometheus registry and shared collectors). */
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');
