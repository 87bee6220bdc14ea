import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JobQueue, NatsBus } from '@mnemo/messaging';
import { APP_CONFIG, LOGGER, SERVICE_METRICS, ServiceIdentity, ServiceRuntime } from './runtime';

/** Makes the runtime and each of its parts, and the parsed config, injectable everywhere. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: ServiceRuntime, config: unknown): DynamicModule {
    const identity = new ServiceIdentity(runtime.service, runtime.instanceId, runtime.startedAt);
    return {
      module: RuntimeModule,
      providers: [
        { provide: ServiceRuntime, useValue: runtime },
        { provide: ServiceIdentity, useValue: identity },
        { provide: LOGGER, useValue: runtime.logger },
        { provide: SERVICE_METRICS, useValue: runtime.metrics },
        { provide: NatsBus, useValue: runtime.bus },
        { provide: JobQueue, useValue: runtime.jobs },
        { provide: APP_CONFIG, useValue: config },
      ],
      exports: [
        ServiceRuntime,
        ServiceIdentity,
        LOGGER,
        SERVICE_METRICS,
        NatsBus,
        JobQueue,
        APP_CONFIG,
      ],
    };
  }
}
