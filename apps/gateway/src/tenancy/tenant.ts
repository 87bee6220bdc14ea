import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@mnemo/contracts';

export type ProjectRole = 'OWNER' | 'READER';

/** Who is calling: resolved from the API key by the Platform auth guard. */
export interface Tenant {
  orgId: string;
  projectId: string;
  /** the API key's id (never the key itself) */
  keyId: string;
  /** the admin key (MNEMO_ADMIN_API_KEY) may also use the admin routes */
  isAdmin: boolean;
  role: ProjectRole;
  /** shown by ping; the Mem0 clients use it as a telemetry id */
  userEmail: string;
}

export type TenantRequest = FastifyRequest & { tenant?: Tenant };

/** The caller's tenant in a Platform controller: `@CurrentTenant() tenant: Tenant`. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Tenant => {
    const tenant = context.switchToHttp().getRequest<TenantRequest>().tenant;
    if (!tenant) throw new DomainError('unauthorized', 'Authentication required.');
    return tenant;
  },
);
