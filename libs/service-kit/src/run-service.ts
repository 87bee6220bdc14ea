import 'reflect-metadata';
import type { Server } from 'node:http';
import {
  Module,
  type DynamicModule,
  type INestApplication,
  type INestApplicationContext,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { z } from 'zod';
import { ConfigError, loadConfig } from '@mnemo/config';
import { healthContract, type HealthReply, type ServiceName } from '@mnemo/contracts';
import { currentBusContext, JobQueue, NatsBus } from '@mnemo/messaging';
import {
  activeTraceIds,
  createLogger,
  createMetrics,
  PinoNestLogger,
  startMetricsServer,
  startTracing,
  stopTracing,
  tracesEndpoint,
  type Logger,
} from '@mnemo/observability';
import { drainHttpServer } from './http-drain';
import type { BaseConfig, ServiceRuntime } from './runtime';
import { RuntimeModule } from './runtime.module';

export interface ServiceDefinition<S extends z.ZodType<BaseConfig>> {
  service: ServiceName;
  configSchema: S;
  /** the app's root module, given the parsed config */
  module: (config: z.output<S>) => Type | DynamicModule;
  /** HTTP services create their own application and start listening here */
  createApp?: (
    root: DynamicModule,
    logger: PinoNestLogger,
    config: z.output<S>,
    runtime: ServiceRuntime,
  ) => Promise<INestApplicationContext>;
  /** extra health details (database, provider...) */
  health?: (app: INestApplicationContext) => Promise<Record<string, unknown>>;
}

/** Starts a service: config, logs, metrics, NATS, Nest, health; drains on SIGTERM/SIGINT. */
export async function runService<S extends z.ZodType<BaseConfig>>(
  def: ServiceDefinition<S>,
): Promise<void> {
  const config = parseConfigOrExit(def.configSchema);
  // Before anything that sends or handles work, so every span has its provider.
  const tracing = startTracing({ service: def.service, instanceId: config.MNEMO_INSTANCE_ID });
  const logger = createLogger({
    service: def.service,
    instanceId: config.MNEMO_INSTANCE_ID,
    level: config.MNEMO_LOG_LEVEL,
    mixin: logContext,
  });
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  if (tracing) logger.info({ endpoint: tracesEndpoint() }, 'tracing on: spans sent over OTLP/HTTP');
  try {
    await start(def, config, logger);
  } catch (err) {
    // A start that failed half-way (NATS or the database gone meanwhile) must not leave a process
    // that never serves: exiting lets the supervisor (npm start, Kubernetes) start it again.
    logger.fatal({ err }, `${def.service} failed to start`);
    process.exit(1);
  }
}

async function start<S extends z.ZodType<BaseConfig>>(
  def: ServiceDefinition<S>,
  config: z.output<S>,
  logger: Logger,
): Promise<void> {
  const metrics = createMetrics(def.service, config.MNEMO_INSTANCE_ID);
  const bus = await NatsBus.connect({
    url: config.MNEMO_NATS_URL,
    service: def.service,
    instanceId: config.MNEMO_INSTANCE_ID,
    logger,
    metrics,
    requestTimeoutMs: config.MNEMO_REQUEST_TIMEOUT_MS,
    jetStreamReplicas: config.MNEMO_JETSTREAM_REPLICAS,
  });
  const jobs = await JobQueue.create(bus.connection, logger, metrics, {
    replicas: bus.jetStreamReplicas,
    connected: () => bus.connected,
  });
  const runtime: ServiceRuntime = {
    service: def.service,
    instanceId: config.MNEMO_INSTANCE_ID,
    startedAt: Date.now(),
    logger,
    metrics,
    bus,
    jobs,
  };
  const root: DynamicModule = {
    module: RuntimeRoot,
    imports: [RuntimeModule.forRoot(runtime, config), def.module(config)],
  };
  const nestLogger = new PinoNestLogger(logger);
  const app = def.createApp
    ? await def.createApp(root, nestLogger, config, runtime)
    : await NestFactory.createApplicationContext(root, { logger: nestLogger });
  await app.init();
  respondToHealth(def, runtime, app);
  const metricsServer =
    config.MNEMO_METRICS_PORT !== undefined
      ? await startMetricsServer(
          metrics.registry,
          config.MNEMO_METRICS_PORT,
          config.MNEMO_METRICS_HOST,
        )
      : undefined;
  const metricsAddress = metricsServer?.address();
  installShutdown(def, runtime, app, config.MNEMO_SHUTDOWN_GRACE_MS, () => metricsServer?.close());
  logger.info(
    {
      event: 'service.ready',
      metricsPort: typeof metricsAddress === 'object' ? metricsAddress?.port : undefined,
      metricsHost: typeof metricsAddress === 'object' ? metricsAddress?.address : undefined,
    },
    `${def.service} ready`,
  );
}

@Module({})
class RuntimeRoot {}

/**
 * The request id (and trace and span ids when tracing) of the work a log line is written for; a
 * new object each time, as pino merges the line's own fields into it.
 */
function logContext(): Record<string, unknown> {
  const { requestId } = currentBusContext();
  const ids = activeTraceIds();
  if (!ids) return requestId ? { requestId } : {};
  return requestId ? { requestId, ...ids } : ids;
}

function parseConfigOrExit<S extends z.ZodType>(schema: S): z.output<S> {
  try {
    return loadConfig(schema);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

function respondToHealth<S extends z.ZodType<BaseConfig>>(
  def: ServiceDefinition<S>,
  runtime: ServiceRuntime,
  app: INestApplicationContext,
): void {
  runtime.bus.respond(
    healthContract(def.service),
    async (): Promise<HealthReply> => {
      const details = def.health ? await def.health(app) : undefined;
      const degraded = details && Object.values(details).some((value) => value === 'down');
      return {
        service: def.service,
        instanceId: runtime.instanceId,
        status: degraded ? 'degraded' : 'ok',
        uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000),
        details,
      };
    },
    def.service,
  );
}

function installShutdown<S extends z.ZodType<BaseConfig>>(
  def: ServiceDefinition<S>,
  runtime: ServiceRuntime,
  app: INestApplicationContext,
  graceMs: number,
  closeMetrics: () => void,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      runtime.logger.error('shutdown grace period exceeded; exiting');
      process.exit(1);
    }, graceMs).unref();
    try {
      // HTTP first, then durable work, then the bus. The requests in flight are answered before
      // Nest's close runs: its shutdown hooks drain the bus they need before it closes the server.
      if (def.createApp) {
        await drainHttpServer(httpServerOf(app));
        await app.close();
      }
      await runtime.jobs.stop();
      await runtime.bus.drain();
      if (!def.createApp) await app.close();
      closeMetrics();
      await stopTracing();
      runtime.logger.info('stopped');
      process.exit(0);
    } catch (err) {
      runtime.logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The Node server of an HTTP service's application (`createApp` returns an INestApplication). */
function httpServerOf(app: INestApplicationContext): Server {
  return (app as INestApplication).getHttpServer() as Server;
}
