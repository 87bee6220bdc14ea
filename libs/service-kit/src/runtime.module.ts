import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JobQueue, NatsBus } from '@mnemo/messaging';
import { APP_CONFIG, ServiceRuntime } from './runtime';

/** Makes the runtime, its bus, job queue and the parsed config injectable everywhere. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: ServiceRuntime, config: unknown): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: ServiceRuntime, useValue: runtime },
        { provide: NatsBus, useValue: runtime.bus },
        { provide: JobQueue, useValue: runtime.jobs },
        { provide: APP_CONFIG, useValue: config },
      ],
      exports: [ServiceRuntime, NatsBus, JobQueue, APP_CONFIG],
    };
  }
}
