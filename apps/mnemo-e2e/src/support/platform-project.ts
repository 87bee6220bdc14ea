import { http, type JsonResponse } from '../http';

/** What `POST /api/v1/admin/projects/` answers: the new project and its first key. */
export interface PlatformProject {
  org_id: string;
  project_id: string;
  api_key: string;
}

/** Creates a project (in the named organization, made on first use) with the admin key. */
export async function createPlatformProject(
  baseUrl: string,
  adminKey: string,
  name: string,
  orgName?: string,
): Promise<PlatformProject> {
  const answer = await http<PlatformProject>(
    baseUrl,
    'POST',
    '/api/v1/admin/projects/',
    { name, org_name: orgName },
    { authorization: `Token ${adminKey}` },
  );
  if (answer.status !== 201) {
    throw new Error(`creating project ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** A JSON call with `Authorization: Token <key>`, as every Platform client sends it. */
export function tokenCaller(baseUrl: () => string) {
  return <T = any>(
    key: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> =>
    http<T>(baseUrl(), method, path, body, { authorization: `Token ${key}`, ...headers });
}
