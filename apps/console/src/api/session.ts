import { ApiError } from './api-errors';
import type { Role } from './api-types';
import type { MnemoApi } from './mnemo-api';

/** Who the key is: its project, its role there, and whether it is the admin key. */
export interface Identity {
  orgId: string;
  projectId: string;
  projectName: string;
  email: string;
  role: Role;
  isAdmin: boolean;
}

// Kept for this tab only: closing it signs out, and no other site or tab reads it.
const storageName = 'mnemo-console:api-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(storageName);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(storageName, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(storageName);
}

/** Three reads: the ping names the project, the project the role, the admin route the admin. */
export async function identify(api: MnemoApi): Promise<Identity> {
  const ping = await api.ping();
  const [project, isAdmin] = await Promise.all([
    api.project(ping.org_id, ping.project_id),
    api.keys(ping.project_id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 403) return false;
        throw error;
      },
    ),
  ]);
  return {
    orgId: ping.org_id,
    projectId: ping.project_id,
    projectName: project.name,
    email: ping.user_email,
    role: project.user_role,
    isAdmin,
  };
}
