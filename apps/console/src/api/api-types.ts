/** The shapes of the public API's answers the console reads (see /docs). */

export type Json = Record<string, unknown>;

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface Memory {
  id: string;
  memory: string;
  user_id: string | null;
  agent_id: string | null;
  app_id: string | null;
  /** `session_id` in the v3 list, `run_id` in v3 search */
  session_id?: string | null;
  run_id?: string | null;
  metadata: Json | null;
  categories: string[] | null;
  expiration_date: string | null;
  created_at: string;
  updated_at: string | null;
}

export interface ScoredMemory extends Memory {
  score: number;
  score_breakdown?: { semantic: number | null; bm25: number | null; entity: number | null };
}

export interface HistoryEntry {
  id: string;
  memory_id: string;
  old_memory: string | null;
  new_memory: string | null;
  event: 'ADD' | 'UPDATE' | 'DELETE';
  categories: string[];
  metadata: Json | null;
  created_at: string;
}

export interface Entity {
  id: string;
  name: string;
  type: 'user' | 'agent' | 'app' | 'run';
  total_memories: number;
  created_at: string;
  updated_at: string;
}

export interface EntityPage extends Page<Entity> {
  total_users: number;
  total_agents: number;
  total_apps: number;
  total_runs: number;
}

export const addEventStatuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type AddEventStatus = (typeof addEventStatuses)[number];

export interface AddEvent {
  id: string;
  event_type: string;
  status: AddEventStatus;
  payload: Json | null;
  results: { id: string; event: string; memory: string }[];
  created_at: string;
  completed_at: string | null;
  latency: number | null;
  error?: string;
  error_code?: string;
}

export const webhookEventTypes = [
  'memory_add',
  'memory_update',
  'memory_delete',
  'memory_categorize',
] as const;

export interface Webhook {
  webhook_id: string;
  name: string;
  url: string;
  event_types: string[];
  is_active: boolean;
  created_at: string;
  disabled_reason?: string;
  /** only in the answer to a create */
  secret?: string;
}

export interface Delivery {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed' | 'dead';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export type Role = 'OWNER' | 'READER';

export interface Member {
  email: string;
  role: Role;
}

export interface ApiKeyListing {
  id: string;
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface SqlCredentials {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}
