import { createHash } from 'node:crypto';
import type { Scope } from '@mnemo/contracts';

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** Identifies a scope in one column, so (scope, text hash) can be unique. */
export function scopeKey(scope: Scope): string {
  return md5(
    [scope.userId, scope.agentId, scope.appId, scope.runId].map((id) => id ?? '').join('\u0000'),
  );
}
