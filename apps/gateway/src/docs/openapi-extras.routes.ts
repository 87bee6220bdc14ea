import { z } from 'zod';
import { memoryFeedbackValues } from '@mnemo/contracts';
import {
  exportCreateSchema,
  exportGetSchema,
} from '../platform-extras/exports/memory-export.schemas';
import { feedbackRequestSchema } from '../platform-extras/feedback/memory-feedback.http.controller';
import {
  profileJobCreateSchema,
  profileSettingsUpdateSchema,
} from '../platform-extras/profiles/profile.schemas';
import { summaryRequestSchema } from '../platform-extras/summary/memory-summary.http.controller';
import {
  webhookCreateSchema,
  webhookUpdateSchema,
} from '../platform-extras/webhooks/webhook.schemas';
import {
  deliverySchema,
  exportAnswerSchema,
  exportQueuedSchema,
  feedbackSchema,
  profileJobSchema,
  profileSettingsSchema,
  queuedProfileJobSchema,
  summarySchema,
  userProfileSchema,
  webhookSchema,
} from './openapi-extras-responses.schemas';
import { messageSchema } from './openapi-responses.schemas';
import type { RouteDoc } from './openapi-route';

const platform = { auth: 'platform' } as const;
const webhooks = { auth: 'platform', validation: 'fields' } as const;

/** Webhooks, exports, summaries, feedback and user profiles of the Platform API. */
export const platformExtraRoutes: RouteDoc[] = [
  {
    ...webhooks,
    method: 'get',
    path: '/api/v1/webhooks/projects/:projectId',
    summary: "The project's webhooks",
    response: z.array(webhookSchema),
  },
  {
    ...webhooks,
    method: 'post',
    path: '/api/v1/webhooks/projects/:projectId',
    summary: 'Create a webhook (its signing secret is shown once)',
    status: 201,
    body: webhookCreateSchema,
    response: webhookSchema,
  },
  {
    ...webhooks,
    method: 'put',
    path: '/api/v1/webhooks/:webhookId',
    summary: 'Change a webhook',
    body: webhookUpdateSchema,
    response: messageSchema,
  },
  {
    ...webhooks,
    method: 'post',
    path: '/api/v1/webhooks/:webhookId/rotate-secret',
    summary: "Replace a webhook's signing secret",
    response: webhookSchema,
  },
  {
    ...webhooks,
    method: 'get',
    path: '/api/v1/webhooks/:webhookId/deliveries',
    summary: "A webhook's delivery log",
    response: z.array(deliverySchema),
  },
  {
    ...webhooks,
    method: 'post',
    path: '/api/v1/webhooks/deliveries/:deliveryId/redeliver',
    summary: 'Send a delivery again',
    status: 202,
    response: deliverySchema,
  },
  {
    ...webhooks,
    method: 'delete',
    path: '/api/v1/webhooks/:webhookId',
    summary: 'Delete a webhook',
    response: messageSchema,
  },
  {
    ...platform,
    method: 'post',
    path: '/v1/exports',
    summary: 'Export memories shaped by a JSON Schema (built in the background)',
    status: 201,
    body: exportCreateSchema,
    response: exportQueuedSchema,
  },
  {
    ...platform,
    method: 'post',
    path: '/v1/exports/get',
    summary: 'An export by id, or the latest one',
    read: true,
    body: exportGetSchema,
    response: exportAnswerSchema,
  },
  {
    ...platform,
    method: 'post',
    path: '/v1/summary',
    summary: 'Summaries of the memories matching filters, per category',
    read: true,
    body: summaryRequestSchema,
    response: summarySchema,
  },
  {
    ...platform,
    method: 'post',
    path: '/v1/feedback',
    summary: 'Feedback on a memory',
    body: feedbackRequestSchema,
    response: feedbackSchema,
    description: `Feedback: ${memoryFeedbackValues.join(', ')} (any case).`,
  },
  {
    ...platform,
    method: 'get',
    path: '/v2/entities/user/:entityId/profile',
    summary: "A user's generated profile",
    response: userProfileSchema,
  },
  {
    ...platform,
    method: 'post',
    path: '/v2/profiles/jobs',
    summary: 'Generate profiles for one user or a sample',
    status: 202,
    headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
    body: profileJobCreateSchema,
    response: queuedProfileJobSchema,
  },
  {
    ...platform,
    method: 'get',
    path: '/v2/profiles/jobs/:jobId',
    summary: 'Progress of a profile job',
    response: profileJobSchema,
  },
  {
    ...platform,
    method: 'get',
    path: '/v2/profiles/settings',
    summary: 'Profile settings',
    response: profileSettingsSchema,
  },
  {
    ...platform,
    method: 'post',
    path: '/v2/profiles/settings',
    summary: 'Change profile settings',
    body: profileSettingsUpdateSchema,
    response: profileSettingsSchema,
  },
];
