import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@mnemo/contracts';
import { ApiKeyResolver } from '../tenancy/api-key.resolver';
import { headerKey } from '../tenancy/presented-key';
import type { TenantRequest } from '../tenancy/tenant';

const tenantScopedKey = 'mnemo:tenant-scoped';

/** Routes that act on the caller's project only, so a project key may use them too. */
export const TenantScoped = () => SetMetadata(tenantScopedKey, true);

/**
 * The open-source server's auth, `X-API-Key`: the admin key (or, without one configured, no key)
 * is the default project as admin; a project key is its project, on `@TenantScoped()` routes only.
 * Sets `request.tenant` either way.
 */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(
    private readonly resolver: ApiKeyResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const resolution = await this.resolver.resolve(headerKey(request.headers));
    if (resolution === 'missing')
      throw new DomainError('unauthorized', 'X-API-Key header is required.');
    if (resolution === 'invalid') throw new DomainError('unauthorized', 'Invalid API key.');
    const scoped = this.reflector.getAllAndOverride<boolean | undefined>(tenantScopedKey, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!resolution.isAdmin && !scoped) throw new DomainError('forbidden', 'Admin role required.');
    request.tenant = resolution;
    return true;
  }
}
