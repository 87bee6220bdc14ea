import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { AdminKeyGuard } from '../http/admin-key.guard';

/**
 * `/metrics` on the public port names subjects, targets and load: open with
 * `MNEMO_METRICS_PUBLIC=true`; otherwise the admin key's once one is configured, and absent (404)
 * without one (each service's own metrics port, `MNEMO_METRICS_PORT`, is for Prometheus).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG)
    private readonly config: Pick<GatewayConfig, 'MNEMO_METRICS_PUBLIC' | 'MNEMO_ADMIN_API_KEY'>,
    private readonly adminKey: AdminKeyGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.MNEMO_METRICS_PUBLIC) return true;
    if (!this.config.MNEMO_ADMIN_API_KEY) throw new DomainError('not_found', 'Not Found');
    return this.adminKey.canActivate(context);
  }
}
