import { DomainError } from '@mnemo/contracts';
import type { Tenant } from './tenant';

/** READER members may read, not write (memories, channel B) nor hold SQL credentials. */
export function requireWriter(tenant: Tenant): void {
  if (tenant.role !== 'OWNER')
    throw new DomainError('forbidden', 'You do not have permission to perform this action.');
}
