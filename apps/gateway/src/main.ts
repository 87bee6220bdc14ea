import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { observeHttpRequests, runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { bodyLimitFor } from './config/body-limit';
import { gatewayConfigSchema } from './config/gateway.config';
import { fastifyTrustProxy } from './config/trust-proxy';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors';
import { mountDocs } from './docs/docs.http.routes';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { RequestContextInterceptor } from './http/request-context.interceptor';
import { McpHttpEndpoint } from './mcp/mcp.http.endpoint';
import { registerBreakerStateMetric, registerHttpMetrics } from './metrics/gateway.metrics';
import { registerRateLimit } from './tenancy/rate-limit';

void runService({
  service: 'gateway',
  configSchema: gatewayConfigSchema,
  module: () => AppModule,
  createApp: async (root, logger, config, runtime) => {
    const bodyLimit = bodyLimitFor(config.MNEMO_BODY_LIMIT_BYTES, runtime.bus.maxPayload);
    if (bodyLimit.loweredFrom !== undefined) {
      runtime.logger.warn(
        {
          configured: bodyLimit.loweredFrom,
          bodyLimit: bodyLimit.bytes,
          natsMaxPayload: runtime.bus.maxPayload,
        },
        'MNEMO_BODY_LIMIT_BYTES does not fit the NATS max_payload: lowered to half of it; raise max_payload on the server',
      );
    }
    const adapter = new FastifyAdapter({
      bodyLimit: bodyLimit.bytes,
      requestIdHeader: 'x-request-id',
      // 8 random hex characters from Node's pooled UUID entropy (randomBytes asks OpenSSL each time).
      genReqId: () => randomUUID().slice(0, 8),
      routerOptions: { ignoreTrailingSlash: true },
      trustProxy: fastifyTrustProxy(config.MNEMO_TRUST_PROXY),
      // Errors Fastify and Node answer before any route runs get Mem0's `{"detail"}` too.
      frameworkErrors,
      clientErrorHandler,
    });
    const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
      logger,
      bodyParser: false,
    });
    // First, so every later hook and handler runs with the request id (and span) in context.
    observeHttpRequests(app.getHttpAdapter().getInstance(), runtime.logger);
    app.useGlobalFilters(new HttpExceptionFilter(runtime.logger));
    app.useGlobalInterceptors(new RequestContextInterceptor());
    await registerRateLimit(app, config);
    acceptBodilessJson(app, bodyLimit.bytes);
    registerHttpMetrics(app.getHttpAdapter().getInstance(), runtime.metrics.registry);
    registerBreakerStateMetric(runtime.metrics.registry, runtime.bus);
    mountDocs(app.getHttpAdapter().getInstance());
    app.get(McpHttpEndpoint).mount(app.getHttpAdapter().getInstance());
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onSend', async (request, reply) => {
        void reply.header('x-request-id', request.id);
      });
    if (!config.MNEMO_ADMIN_API_KEY) {
      runtime.logger.warn(
        'MNEMO_ADMIN_API_KEY is not set: the open-source routes accept every caller',
      );
    }
    await app.listen(config.MNEMO_HTTP_PORT, config.MNEMO_HTTP_HOST);
    runtime.logger.info(
      {
        url: await app.getUrl(),
        bodyLimit: bodyLimit.bytes,
        natsMaxPayload: runtime.bus.maxPayload,
      },
      'gateway listening',
    );
    return app;
  },
});

// The Mem0 TypeScript client sends `Content-Type: application/json` on DELETEs without a body.
function acceptBodilessJson(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const strictJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request, body, done) => {
      if (body === '') done(null, undefined);
      else void strictJson(request, body.toString(), done);
    },
  );
}
