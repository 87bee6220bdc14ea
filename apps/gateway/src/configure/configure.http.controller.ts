import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { boundedJsonObject } from '@mnemo/contracts';
import { AdminKeyGuard } from '../http/admin-key.guard';
import { parseRequest } from '../http/request-validation';
import { bundledProviders, ConfigureService } from './configure.service';

export const instructionsRequest = z.object({ use_case: z.string().min(1).max(4000) });

/** The open-source server's configuration routes. */
@Controller()
@UseGuards(AdminKeyGuard)
export class ConfigureHttpController {
  constructor(private readonly configure: ConfigureService) {}

  @Get('configure')
  current() {
    return this.configure.current();
  }

  @Get('configure/providers')
  providers() {
    return bundledProviders;
  }

  @Post('configure')
  @HttpCode(200)
  async set(@Body() raw: unknown) {
    await this.configure.merge(parseRequest(boundedJsonObject(), raw, 'body'));
    return { message: 'Configuration set successfully' };
  }

  @Post('generate-instructions')
  @HttpCode(200)
  async generate(@Body() raw: unknown) {
    const body = parseRequest(instructionsRequest, raw, 'body');
    const generated = await this.configure.generateInstructions(body.use_case);
    return {
      custom_instructions: generated.customInstructions,
      test_message: generated.testMessage,
    };
  }
}
