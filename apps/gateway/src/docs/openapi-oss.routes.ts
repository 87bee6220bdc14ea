import { z } from 'zod';
import { boundedJsonObject } from '@mnemo/contracts';
import { instructionsRequest } from '../configure/configure.http.controller';
import {
  memoryIdParamSchema,
  ossDeleteAllQuerySchema,
  ossEntityTypeSchema,
  ossListQuerySchema,
  ossMemoryCreateSchema,
  ossMemoryUpdateSchema,
  ossSearchSchema,
} from '../oss/oss.schemas';
import {
  configurationSchema,
  instructionsSchema,
  prometheusText,
} from './openapi-extras-responses.schemas';
import {
  healthSchema,
  readinessSchema,
  messageSchema,
  ossAddResultsSchema,
  ossEntitySchema,
  ossHistoryEntrySchema,
  ossMemoryItemSchema,
} from './openapi-responses.schemas';
import type { RouteDoc } from './openapi-route';

const memoryId = { memoryId: memoryIdParamSchema };
const oss = { auth: 'oss', validation: 'issues' } as const;

/** The open-source Mem0 server's routes: bare paths, `X-API-Key`, 422 validation details. */
export const ossRoutes: RouteDoc[] = [
  {
    ...oss,
    method: 'post',
    path: '/memories',
    summary: 'Add memories from messages',
    body: ossMemoryCreateSchema,
    response: ossAddResultsSchema,
  },
  {
    ...oss,
    method: 'post',
    path: '/search',
    summary: 'Search memories',
    read: true,
    body: ossSearchSchema,
    response: z.object({ results: z.array(ossMemoryItemSchema) }),
  },
  {
    ...oss,
    method: 'get',
    path: '/memories',
    summary: 'List memories of a user, agent or run (all, with the admin key and no id)',
    query: ossListQuerySchema,
    response: z.object({ results: z.array(ossMemoryItemSchema) }),
  },
  {
    ...oss,
    method: 'get',
    path: '/memories/:memoryId',
    summary: 'Get one memory',
    params: memoryId,
    response: ossMemoryItemSchema,
  },
  {
    ...oss,
    method: 'put',
    path: '/memories/:memoryId',
    summary: 'Update a memory',
    params: memoryId,
    body: ossMemoryUpdateSchema,
    response: messageSchema,
  },
  {
    ...oss,
    method: 'get',
    path: '/memories/:memoryId/history',
    summary: 'History of a memory',
    params: memoryId,
    response: z.array(ossHistoryEntrySchema),
  },
  {
    ...oss,
    method: 'delete',
    path: '/memories/:memoryId',
    summary: 'Delete a memory',
    params: memoryId,
    response: messageSchema,
  },
  {
    ...oss,
    method: 'delete',
    path: '/memories',
    summary: 'Delete every memory of a user, agent or run',
    query: ossDeleteAllQuerySchema,
    response: messageSchema,
  },
  {
    ...oss,
    method: 'get',
    path: '/entities',
    summary: 'Users, agents and runs that have memories',
    response: z.array(ossEntitySchema),
  },
  {
    ...oss,
    method: 'delete',
    path: '/entities/:entityType/:entityId',
    summary: 'Delete an entity and its memories',
    params: { entityType: ossEntityTypeSchema },
    response: messageSchema,
  },
  {
    ...oss,
    method: 'post',
    path: '/reset',
    summary: "Delete every memory of the caller's project",
    response: messageSchema,
  },
];

const ossAdmin = { auth: 'oss-admin', validation: 'issues' } as const;

/** The open-source server's configuration routes and the probes. */
export const serviceRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/health',
    auth: 'none',
    summary: 'Health of the gateway and every service (503 when one is down)',
    response: healthSchema,
    otherResponses: { 503: healthSchema },
  },
  {
    method: 'get',
    path: '/ready',
    auth: 'none',
    summary:
      'Readiness of this gateway instance: its own NATS link and database (503 when either is down)',
    response: readinessSchema,
    otherResponses: { 503: readinessSchema },
  },
  {
    ...ossAdmin,
    method: 'get',
    path: '/metrics',
    summary:
      'Prometheus metrics of the gateway: the admin key once one is set, absent (404) without one; MNEMO_METRICS_PUBLIC=true opens it',
    response: prometheusText,
  },
  {
    ...ossAdmin,
    method: 'get',
    path: '/configure',
    summary: 'The current configuration',
    response: configurationSchema,
  },
  {
    ...ossAdmin,
    method: 'get',
    path: '/configure/providers',
    summary: 'The bundled providers',
    response: configurationSchema,
  },
  {
    ...ossAdmin,
    method: 'post',
    path: '/configure',
    summary: 'Merge a configuration',
    body: boundedJsonObject(),
    response: messageSchema,
  },
  {
    ...ossAdmin,
    method: 'post',
    path: '/generate-instructions',
    summary: 'Generate custom instructions for a use case',
    body: instructionsRequest,
    response: instructionsSchema,
  },
];
