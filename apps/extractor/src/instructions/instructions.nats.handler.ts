import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { generateInstructionsContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceRuntime } from '@mnemo/service-kit';
import { INSTRUCTION_GENERATOR } from '../extraction/extraction.tokens';
import type { InstructionGenerator } from '../llm';
import { toDomainError } from '../pipeline/provider-errors';

@Injectable()
export class InstructionsNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly runtime: ServiceRuntime,
    @Inject(INSTRUCTION_GENERATOR) private readonly generator: InstructionGenerator,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.respond(
      generateInstructionsContract,
      async ({ useCase }) => {
        try {
          return await this.generator.generate(useCase);
        } catch (err) {
          throw toDomainError(err);
        }
      },
      this.runtime.service,
    );
  }
}
