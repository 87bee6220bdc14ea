import { startMnemo, type MnemoStack, type StartMnemoOptions } from '@mnemo/testing';
import { http } from '../http';
import { createPlatformProject, type PlatformProject } from './platform-project';

/** The admin key the tenancy suites start their gateway with. */
export const tenancyAdminKey = 'tenancy-admin-key';

/** A stack with the tenancy admin key and two projects in two organizations. */
export interface TenancyStack {
  mnemo: MnemoStack;
  /** project `alpha` in organization `acme` */
  a: PlatformProject;
  /** project `beta` in organization `globex` */
  b: PlatformProject;
}

export async function startTenancyStack(
  services: StartMnemoOptions['services'],
): Promise<TenancyStack> {
  const mnemo = await startMnemo({ services, env: { MNEMO_ADMIN_API_KEY: tenancyAdminKey } });
  try {
    const a = await createPlatformProject(mnemo.baseUrl, tenancyAdminKey, 'alpha', 'acme');
    const b = await createPlatformProject(mnemo.baseUrl, tenancyAdminKey, 'beta', 'globex');
    return { mnemo, a, b };
  } catch (err) {
    await mnemo.stop();
    throw err;
  }
}

/**
 * A JSON call with `Authorization: Token <key>`: the admin key unless another is given, none
 * when the key is null.
 */
export function platformCaller(stack: () => MnemoStack) {
  return (method: string, path: string, body?: unknown, key: string | null = tenancyAdminKey) =>
    http(stack().baseUrl, method, path, body, key ? { authorization: `Token ${key}` } : {});
}

/** Creates a project with the tenancy admin key (in the named organization, made on first use). */
export function projectCreator(stack: () => MnemoStack) {
  return (name: string, orgName?: string): Promise<PlatformProject> =>
    createPlatformProject(stack().baseUrl, tenancyAdminKey, name, orgName);
}
