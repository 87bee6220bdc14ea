import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { dropSqlSpaceContract, issueSqlCredentialsContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { SqlSpacesService } from './sql-spaces.service';

@Injectable()
export class SqlSpacesNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly spaces: SqlSpacesService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      issueSqlCredentialsContract,
      (request) => this.spaces.issueCredentials(request.projectId),
      queue,
    );
    this.bus.respond(
      dropSqlSpaceContract,
      async (request) => ({ dropped: await this.spaces.drop(request.projectId) }),
      queue,
    );
  }
}
