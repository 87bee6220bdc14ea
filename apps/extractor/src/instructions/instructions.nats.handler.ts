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
      ({ useCase }) =>
        this.generator
          .generate(useCase)
          .catch((err: unknown) => Promise.reject(toDomainError(err))),
      this.runtime.service,
    );
  }
}
