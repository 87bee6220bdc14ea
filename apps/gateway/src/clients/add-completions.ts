import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  DomainError,
  healthContract,
  memoryAddCompletedContract,
  memoryWriteCompletedContract,
  type AddCompleted,
  type ServiceName,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import type { ServiceMetrics } from '@mnemo/observability';
import { SERVICE_METRICS } from '@mnemo/service-kit';

interface Waiter {
  resolve: (completion: AddCompleted) => void;
  timer: NodeJS.Timeout;
}

/** How a synchronous caller waits for one accepted add (or import batch). */
export interface CompletionWatch {
  /** the service whose consumer must take the job: 503 at once when none runs */
  pipeline: ServiceName;
  /** the error answered then (the job stays queued) */
  pipelineDown: () => DomainError;
  /** the outcome as its owner recorded it, or null while there is none */
  recorded: () => Promise<AddCompleted | null>;
}

// How often a waiter checks that its pipeline still runs, and how often it asks for the recorded
// outcome: the completion messages reach a waiter at most once (a gateway's connection to a NATS
// node that just stopped misses it), while the outcome is recorded durably.
const PIPELINE_CHECK_MS = 250;
const RECORDED_CHECK_MS = 2000;

/**
 * Lets a synchronous add wait for its completion: the extractor's `memory.add.completed.v1` or the
 * vector-store's `memory.write.completed.v1`, whichever finishes the job. Register before
 * publishing the job.
 */
@Injectable()
export class AddCompletions implements OnApplicationBootstrap {
  private readonly waiters = new Map<string, Waiter>();

  constructor(
    private readonly bus: NatsBus,
    @Optional() @Inject(SERVICE_METRICS) metrics?: ServiceMetrics,
  ) {
    const waiters = this.waiters;
    if (metrics) {
      new Gauge({
        name: 'mnemo_add_waiters',
        help: 'Adds and imports whose caller waits in this gateway for the outcome',
        registers: [metrics.registry],
        collect() {
          this.set(waiters.size);
        },
      });
    }
  }

  onApplicationBootstrap(): void {
    const settle = (completion: AddCompleted) => this.settle(completion);
    this.bus.subscribe(memoryAddCompletedContract, settle);
    this.bus.subscribe(memoryWriteCompletedContract, settle);
  }

  expect(eventId: string, timeoutMs: number): Promise<AddCompleted> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(eventId);
        reject(
          new DomainError(
            'timeout',
            `add ${eventId} was accepted but did not complete within ${timeoutMs} ms`,
            true,
          ),
        );
      }, timeoutMs);
      this.waiters.set(eventId, { resolve, timer });
    });
  }

  cancel(eventId: string): void {
    const waiter = this.waiters.get(eventId);
    if (waiter) clearTimeout(waiter.timer);
    this.waiters.delete(eventId);
  }

  /**
   * Waits for `completion` (from `expect`) while watching the job: answers `pipelineDown()` at
   * once when no instance of the pipeline is subscribed (NATS says "no responders" to its health
   * subject), and takes the recorded outcome when the message was missed.
   */
  async wait(
    eventId: string,
    completion: Promise<AddCompleted>,
    watch: CompletionWatch,
  ): Promise<AddCompleted> {
    // A plain timer between checks, cleared when the wait ends (an AbortController would build a
    // DOMException with its stack for every add).
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let wake: (() => void) | undefined;
    const pause = () =>
      new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, PIPELINE_CHECK_MS);
      });
    const watching = async (): Promise<void> => {
      for (let waited = 0; !stopped; waited += PIPELINE_CHECK_MS) {
        if (!(await this.bus.responders.present(healthContract(watch.pipeline).subject))) {
          this.cancel(eventId);
          throw watch.pipelineDown();
        }
        if (waited > 0 && waited % RECORDED_CHECK_MS === 0) {
          const recorded = await watch.recorded().catch(() => null);
          if (recorded) return this.settle(recorded);
        }
        await pause();
      }
    };
    try {
      await Promise.race([completion, watching()]);
      return await completion;
    } finally {
      stopped = true;
      clearTimeout(timer);
      wake?.();
    }
  }

  private settle(completion: AddCompleted): void {
    const waiter = this.waiters.get(completion.eventId);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiters.delete(completion.eventId);
    waiter.resolve(completion);
  }
}
