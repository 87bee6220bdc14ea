import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import { ApiKeyResolver } from './api-key.resolver';
import { presentedKey } from './presented-key';
import type { Tenant, TenantRequest } from './tenant';

export const invalidApiKeyMessage = 'Invalid API key. Please check your API key and try again.';

/** Platform routes: `Authorization: Token <key>` (or Bearer, or X-API-Key) -> `request.tenant`. */
@Injectable()
export class PlatformAuthGuard implements CanActivate {
  constructor(private readonly resolver: ApiKeyResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await authenticate(context.switchToHttp().getRequest<TenantRequest>(), this.resolver);
    return true;
  }
}

/** Admin routes, after PlatformAuthGuard (or alone: it authenticates when nothing did yet). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly resolver: ApiKeyResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const tenant = await authenticate(
      context.switchToHttp().getRequest<TenantRequest>(),
      this.resolver,
    );
    if (!tenant.isAdmin) throw new DomainError('forbidden', 'Admin role required.');
    return true;
  }
}

async function authenticate(request: TenantRequest, resolver: ApiKeyResolver): Promise<Tenant> {
  if (request.tenant) return request.tenant;
  const resolution = await resolver.resolve(presentedKey(request.headers));
  if (resolution === 'missing' || resolution === 'invalid') {
    throw new DomainError('unauthorized', invalidApiKeyMessage);
  }
  request.tenant = resolution;
  return resolution;
}
