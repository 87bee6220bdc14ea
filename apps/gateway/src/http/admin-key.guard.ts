import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';

/** The open-source server's auth: `X-API-Key` equal to the admin key; open when no key is set. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.expected = config.MNEMO_ADMIN_API_KEY
      ? Buffer.from(config.MNEMO_ADMIN_API_KEY)
      : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['x-api-key'];
    const given = Array.isArray(header) ? header[0] : header;
    if (!given) throw new DomainError('unauthorized', 'X-API-Key header is required.');
    const candidate = Buffer.from(given);
    if (candidate.length !== this.expected.length || !timingSafeEqual(candidate, this.expected)) {
      throw new DomainError('unauthorized', 'Invalid API key.');
    }
    return true;
  }
}
