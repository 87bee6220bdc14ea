import { Body, Controller, Delete, Put, UseGuards } from '@nestjs/common';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { checkBatchSize, PlatformBatchService } from './platform-batch.service';
import { batchDeleteSchema, batchUpdateSchema } from './platform-memories.schemas';
import { parsePlatform } from './platform-request';

/** `PUT /v1/batch/` and `DELETE /v1/batch/` (the ids in a JSON body). */
@Controller('v1/batch')
@UseGuards(PlatformAuthGuard)
export class PlatformBatchHttpController {
  constructor(private readonly batch: PlatformBatchService) {}

  @Put()
  async update(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    checkBatchSize(raw, 'updated');
    const body = parsePlatform(batchUpdateSchema, raw);
    const updated = await this.batch.update(tenant.projectId, body.memories);
    return { message: `Successfully updated ${updated} memories` };
  }

  @Delete()
  async delete(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    checkBatchSize(raw, 'deleted');
    const body = parsePlatform(batchDeleteSchema, raw);
    const deleted = await this.batch.delete(tenant.projectId, body.memories);
    return { message: `Successfully deleted ${deleted} memories` };
  }
}
