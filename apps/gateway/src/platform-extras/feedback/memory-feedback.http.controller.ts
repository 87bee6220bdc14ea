import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { StructuredDataClient } from '@mnemo/clients';
import { memoryFeedbackValues } from '@mnemo/contracts';
import { parsePlatform } from '../../platform-memories/platform-request';
import { PlatformAuthGuard } from '../../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../../tenancy/tenant';

const allowed = `${memoryFeedbackValues.join(', ')} or null`;

/** `feedback` is matched case-insensitively, as the Python client upper-cases it anyway. */
export const feedbackRequestSchema = z.object({
  memory_id: z.string({ error: 'memory_id is required' }).min(1).max(64),
  feedback: z
    .string({ error: `feedback must be one of ${allowed}` })
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(memoryFeedbackValues, { error: `feedback must be one of ${allowed}` }))
    .nullish(),
  feedback_reason: z.string().max(10000).nullish(),
});

/** `POST /v1/feedback/`: feedback on one of the project's memories. */
@Controller('v1/feedback')
@UseGuards(PlatformAuthGuard)
export class MemoryFeedbackHttpController {
  constructor(private readonly structured: StructuredDataClient) {}

  @Post()
  @HttpCode(200)
  async record(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(feedbackRequestSchema, raw);
    const stored = await this.structured.recordFeedback({
      projectId: tenant.projectId,
      memoryId: body.memory_id,
      feedback: body.feedback ?? null,
      feedbackReason: body.feedback_reason ?? null,
    });
    return { id: stored.id, feedback: stored.feedback, feedback_reason: stored.feedbackReason };
  }
}
