import { DomainError } from '@mnemo/contracts';

/** Stops work the caller no longer waits for; the timeout is that caller's, not the service's. */
export function assertBeforeDeadline(deadline: number | undefined): void {
  if (deadline !== undefined && Date.now() > deadline) {
    throw new DomainError('timeout', 'The search ran past its deadline.', true);
  }
}
