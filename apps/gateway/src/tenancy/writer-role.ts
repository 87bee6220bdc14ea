import { SetMetadata } from '@nestjs/common';
import type { Tenant } from './tenant';

/** Route metadata that declares a POST (or other body-carrying method) a read. */
export const readRouteKey = 'mnemo:read-route';

/** Methods that never change anything: every READER may call them. */
export const readMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export const permissionDenied = 'You do not have permission to perform this action.';

/**
 * Marks a route whose method would make it a write (a POST search, list or summary) as a read,
 * so READER keys may call it. Everything else that is not GET/HEAD/OPTIONS needs a writer.
 */
export const ReadRoute = () => SetMetadata(readRouteKey, true);

/** OWNER members and the admin key write; READER members only read. */
export function isWriter(tenant: Tenant | undefined): boolean {
  return tenant !== undefined && (tenant.isAdmin || tenant.role === 'OWNER');
}
