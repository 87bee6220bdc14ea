import { z } from 'zod';
import { isWebhookEventType, isWebhookUrl } from '@mnemo/contracts';
import { fieldRequired } from '../field-errors';

const typeName = (input: unknown) =>
  Array.isArray(input) ? 'list' : input === null ? 'null' : typeof input;

const text = (max: number) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? fieldRequired : 'Not a valid string.'),
    })
    .trim()
    .min(1, 'This field may not be blank.')
    .max(max, `Ensure this field has no more than ${max} characters.`);

const name = text(255);
const url = text(2048).refine(isWebhookUrl, 'Enter a valid URL.');
const eventTypes = z
  .array(
    z.string({ error: 'Not a valid string.' }).refine(isWebhookEventType, {
      error: (issue) => `"${String(issue.input)}" is not a valid choice.`,
    }),
    {
      error: (issue) =>
        issue.input === undefined
          ? fieldRequired
          : `Expected a list of items but got type "${typeName(issue.input)}".`,
    },
  )
  .min(1, 'This list may not be empty.');
const isActive = z.boolean({ error: 'Must be a valid boolean.' });

/** `POST /api/v1/webhooks/projects/{project_id}/`; a `project_id` in the body is ignored. */
export const webhookCreateSchema = z.object({
  name,
  url,
  event_types: eventTypes,
  is_active: isActive.optional(),
});

/** `PUT /api/v1/webhooks/{webhook_id}/`: only the fields that change. */
export const webhookUpdateSchema = z.object({
  name: name.optional(),
  url: url.optional(),
  event_types: eventTypes.optional(),
  is_active: isActive.optional(),
});
