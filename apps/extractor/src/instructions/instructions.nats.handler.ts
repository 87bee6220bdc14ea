import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { generateInstructionsContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { INSTRUCTION_GENERATOR, type InstructionGenerator } from '../extraction-steps';
import { toDomainError } from '../pipeline/provider-errors';

@Injectable()
export class InstructionsNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
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
      this.identity.service,
    );
  }
}
