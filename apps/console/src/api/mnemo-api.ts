import { segment, type ApiClient } from './api-client';
import type {
  AddEvent,
  AddEventStatus,
  ApiKeyListing,
  Delivery,
  EntityPage,
  HistoryEntry,
  Json,
  Member,
  Memory,
  Page,
  Role,
  ScoredMemory,
  SqlCredentials,
  Webhook,
} from './api-types';

/** Every route the console calls, by what it does; the key's project is implied by the key. */
export class MnemoApi {
  constructor(readonly client: ApiClient) {}

  ping() {
    return this.client.get<{ org_id: string; project_id: string; user_email: string }>('/v1/ping/');
  }

  project(orgId: string, projectId: string) {
    return this.client.get<{ name: string; user_role: Role; members: Member[] }>(
      `${projectPath(orgId, projectId)}/`,
    );
  }

  entities(page: number, pageSize: number) {
    return this.client.get<EntityPage>('/v1/entities/', { page, page_size: pageSize });
  }

  listMemories(filters: Json, page: number, pageSize: number) {
    return this.client.post<Page<Memory>>('/v3/memories/', { filters, page, page_size: pageSize });
  }

  searchMemories(query: string, filters: Json, topK: number, threshold: number) {
    return this.client.post<{ results: ScoredMemory[] }>('/v3/memories/search/', {
      query,
      filters,
      top_k: topK,
      threshold,
    });
  }

  memory(id: string) {
    return this.client.get<Memory>(`/v1/memories/${segment(id)}/`);
  }

  history(id: string) {
    return this.client.get<HistoryEntry[]>(`/v1/memories/${segment(id)}/history/`);
  }

  updateMemory(id: string, change: { text: string; metadata?: Json }) {
    return this.client.put<Memory>(`/v1/memories/${segment(id)}/`, change);
  }

  deleteMemory(id: string) {
    return this.client.delete<{ message: string }>(`/v1/memories/${segment(id)}/`);
  }

  events(status: AddEventStatus | undefined, page: number, pageSize: number) {
    return this.client.get<Page<AddEvent>>('/v1/events/', { status, page, page_size: pageSize });
  }

  webhooks(projectId: string) {
    return this.client.get<Webhook[]>(`/api/v1/webhooks/projects/${segment(projectId)}/`);
  }

  createWebhook(projectId: string, webhook: { name: string; url: string; event_types: string[] }) {
    return this.client.post<Webhook>(`/api/v1/webhooks/projects/${segment(projectId)}/`, webhook);
  }

  setWebhookActive(webhookId: string, isActive: boolean) {
    return this.client.put<{ message: string }>(`/api/v1/webhooks/${segment(webhookId)}/`, {
      is_active: isActive,
    });
  }

  deleteWebhook(webhookId: string) {
    return this.client.delete<{ message: string }>(`/api/v1/webhooks/${segment(webhookId)}/`);
  }

  deliveries(webhookId: string) {
    return this.client.get<Delivery[]>(`/api/v1/webhooks/${segment(webhookId)}/deliveries/`);
  }

  redeliver(deliveryId: string) {
    return this.client.post<Delivery>(
      `/api/v1/webhooks/deliveries/${segment(deliveryId)}/redeliver/`,
    );
  }

  members(orgId: string, projectId: string) {
    return this.client.get<{ members: Member[] }>(`${projectPath(orgId, projectId)}/members/`);
  }

  addMember(orgId: string, projectId: string, member: Member) {
    return this.client.post<{ message: string }>(
      `${projectPath(orgId, projectId)}/members/`,
      member,
    );
  }

  updateMember(orgId: string, projectId: string, member: Member) {
    return this.client.put<{ message: string }>(
      `${projectPath(orgId, projectId)}/members/`,
      member,
    );
  }

  removeMember(orgId: string, projectId: string, email: string) {
    return this.client.delete<{ message: string }>(`${projectPath(orgId, projectId)}/members/`, {
      email,
    });
  }

  /** Admin key only: the project's keys (never the keys themselves). */
  keys(projectId: string) {
    return this.client.get<{ keys: ApiKeyListing[] }>(
      `/api/v1/admin/projects/${segment(projectId)}/keys/`,
    );
  }

  createKey(projectId: string, key: { label?: string; email?: string }) {
    return this.client.post<{ id: string; api_key: string; prefix: string }>(
      `/api/v1/admin/projects/${segment(projectId)}/keys/`,
      key,
    );
  }

  revokeKey(keyId: string) {
    return this.client.delete<{ message: string }>(`/api/v1/admin/keys/${segment(keyId)}/`);
  }

  /** Sets a new password of the project's MySQL account: the previous one stops working. */
  sqlCredentials() {
    return this.client.post<SqlCredentials>('/v1/structured/credentials/');
  }
}

function projectPath(orgId: string, projectId: string): string {
  return `/api/v1/orgs/organizations/${segment(orgId)}/projects/${segment(projectId)}`;
}
