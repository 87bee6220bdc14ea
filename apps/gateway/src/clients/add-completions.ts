import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, memoryAddCompletedContract, type AddCompleted } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

interface Waiter {
  resolve: (completion: AddCompleted) => void;
  timer: NodeJS.Timeout;
}

/** Lets a synchronous add wait for its completion event; register before publishing the job. */
@Injectable()
export class AddCompletions implements OnApplicationBootstrap {
  private readonly waiters = new Map<string, Waiter>();

  constructor(private readonly bus: NatsBus) {}

  onApplicationBootstrap(): void {
    this.bus.subscribe(memoryAddCompletedContract, (completion) => {
      const waiter = this.waiters.get(completion.eventId);
      if (!waiter) return;
      clearTimeout(waiter.timer);
      this.waiters.delete(completion.eventId);
      waiter.resolve(completion);
    });
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
}
