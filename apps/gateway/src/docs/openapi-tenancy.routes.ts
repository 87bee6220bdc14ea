import { sqlCredentialsSchema } from '@mnemo/contracts';
import {
  appendMessagesSchema,
  contextBodySchema,
  listMessagesQuerySchema,
  profileBodySchema,
  sessionIdParamSchema,
  userIdParamSchema,
} from '../channel-b/channel-b.schemas';
import {
  adminKeyCreateSchema,
  adminProjectCreateSchema,
  memberAddSchema,
  memberRemoveQuerySchema,
  memberUpdateSchema,
  projectCreateSchema,
  projectFieldsQuerySchema,
  projectUpdateSchema,
} from '../tenancy/tenancy.schemas';
import {
  appendedMessagesSchema,
  createdKeySchema,
  createdProjectSchema,
  keyListingSchema,
  membersSchema,
  projectCreatedSchema,
  projectSchema,
  sessionMessagesSchema,
  structuredProfileSchema,
  userContextSchema,
} from './openapi-extras-responses.schemas';
import { messageSchema } from './openapi-responses.schemas';
import type { RouteDoc } from './openapi-route';

const admin = { auth: 'admin', validation: 'issues' } as const;
const tenancy = { auth: 'platform', validation: 'issues' } as const;
const projects = '/api/v1/orgs/organizations/:orgId/projects';
const members = `${projects}/:projectId/members`;

/** Projects, keys and members: the admin routes and the Platform's organization routes. */
export const tenancyRoutes: RouteDoc[] = [
  {
    ...admin,
    method: 'post',
    path: '/api/v1/admin/projects',
    summary: 'Create a project (and its organization) with its first key',
    status: 201,
    body: adminProjectCreateSchema,
    response: createdProjectSchema,
  },
  {
    ...admin,
    method: 'get',
    path: '/api/v1/admin/projects/:projectId/keys',
    summary: "A project's keys (never the keys themselves)",
    response: keyListingSchema,
  },
  {
    ...admin,
    method: 'post',
    path: '/api/v1/admin/projects/:projectId/keys',
    summary: "Make a key (with `email`: that member's key and role)",
    status: 201,
    body: adminKeyCreateSchema,
    response: createdKeySchema,
  },
  {
    ...admin,
    method: 'delete',
    path: '/api/v1/admin/keys/:keyId',
    summary: 'Revoke a key',
    response: messageSchema,
  },
  {
    ...tenancy,
    method: 'get',
    path: `${projects}/:projectId`,
    summary: 'A project and its settings',
    query: projectFieldsQuerySchema,
    response: projectSchema,
  },
  {
    ...tenancy,
    method: 'patch',
    path: `${projects}/:projectId`,
    summary: "Change a project's settings",
    body: projectUpdateSchema,
    response: messageSchema,
  },
  {
    ...tenancy,
    method: 'delete',
    path: `${projects}/:projectId`,
    summary: 'Delete a project and its data',
    response: messageSchema,
  },
  {
    ...tenancy,
    method: 'post',
    path: projects,
    summary: 'Create a project in the organization',
    body: projectCreateSchema,
    response: projectCreatedSchema,
  },
  {
    ...tenancy,
    method: 'get',
    path: members,
    summary: "The project's members",
    response: membersSchema,
  },
  {
    ...tenancy,
    method: 'post',
    path: members,
    summary: 'Add a member',
    body: memberAddSchema,
    response: messageSchema,
  },
  {
    ...tenancy,
    method: 'put',
    path: members,
    summary: "Change a member's role",
    body: memberUpdateSchema,
    response: messageSchema,
  },
  {
    ...tenancy,
    method: 'delete',
    path: members,
    summary: 'Remove a member',
    query: memberRemoveQuerySchema,
    response: messageSchema,
  },
];

const channelB = { auth: 'platform', validation: 'issues' } as const;
const userId = { userId: userIdParamSchema };
const sessionId = { sessionId: sessionIdParamSchema };

/** Channel B: the project's SQL account, structured profiles, session logs and user context. */
export const channelBRoutes: RouteDoc[] = [
  {
    ...channelB,
    method: 'post',
    path: '/v1/structured/credentials',
    summary: "The project's MySQL account (made on first use)",
    response: sqlCredentialsSchema,
  },
  {
    ...channelB,
    method: 'put',
    path: '/v1/structured/profiles/:userId',
    summary: "Write a user's whole profile row",
    params: userId,
    body: profileBodySchema,
    response: structuredProfileSchema,
  },
  {
    ...channelB,
    method: 'get',
    path: '/v1/structured/profiles/:userId',
    summary: "A user's profile row",
    params: userId,
    response: structuredProfileSchema,
  },
  {
    ...channelB,
    method: 'patch',
    path: '/v1/structured/profiles/:userId',
    summary: "Change fields of a user's profile row",
    params: userId,
    body: profileBodySchema,
    response: structuredProfileSchema,
  },
  {
    ...channelB,
    method: 'delete',
    path: '/v1/structured/profiles/:userId',
    summary: "Delete a user's profile row",
    params: userId,
    response: messageSchema,
  },
  {
    ...channelB,
    method: 'post',
    path: '/v1/structured/sessions/:sessionId/messages',
    summary: 'Append messages to a session log',
    params: sessionId,
    body: appendMessagesSchema,
    response: appendedMessagesSchema,
  },
  {
    ...channelB,
    method: 'get',
    path: '/v1/structured/sessions/:sessionId/messages',
    summary: 'Messages of a session log, newest last',
    params: sessionId,
    query: listMessagesQuerySchema,
    response: sessionMessagesSchema,
  },
  {
    ...channelB,
    method: 'post',
    path: '/v1/context',
    summary: "A user's relevant memories, profile row and latest conversation",
    read: true,
    body: contextBodySchema,
    response: userContextSchema,
  },
];
