import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import type { TenantRequest } from './tenant';
import { requireWriter } from './writer-role';

/** On a write route, after the Platform auth guard: READER keys may read, not change. */
@Injectable()
export class WriterGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const tenant = context.switchToHttp().getRequest<TenantRequest>().tenant;
    if (!tenant) throw new DomainError('unauthorized', 'Authentication required.');
    requireWriter(tenant);
    return true;
  }
}
