import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { healthContract, serviceNames, type ServiceName } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import type { ServiceMetrics } from '@mnemo/observability';
import { SERVICE_METRICS } from '@mnemo/service-kit';
import { MetricsAccessGuard } from './metrics-access.guard';
import { ReadinessProbe } from './readiness.probe';

/** The gateway is healthy when every service it depends on answers its health check. */
@Controller()
export class HealthHttpController {
  constructor(
    private readonly bus: NatsBus,
    @Inject(SERVICE_METRICS) private readonly serviceMetrics: ServiceMetrics,
    private readonly readiness: ReadinessProbe,
  ) {}

  /** For load balancers and readiness probes: this instance's own NATS link and database. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const { ready, ...checks } = await this.readiness.check();
    if (!ready) reply.header('retry-after', '1');
    await reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', ...checks });
  }

  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const others = serviceNames.filter((name) => name !== 'gateway');
    const checks = await Promise.all(others.map((name) => this.check(name)));
    const services = Object.fromEntries(checks);
    const ok = checks.every(([, status]) => status === 'ok');
    await reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', services });
  }

  @Get('metrics')
  @UseGuards(MetricsAccessGuard)
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const registry = this.serviceMetrics.registry;
    await reply.header('content-type', registry.contentType).send(await registry.metrics());
  }

  private async check(name: ServiceName): Promise<[ServiceName, string]> {
    try {
      const reply = await this.bus.request(healthContract(name), {}, { timeoutMs: 1000 });
      return [name, reply.status];
    } catch {
      return [name, 'down'];
    }
  }
}
