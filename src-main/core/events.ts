import type { CoreEvent } from '@shared/api/contract';
import type { CoreLog } from './log';

export type CoreEventListener = (event: CoreEvent) => void;

/** Fan-out of core events to the transports; one faulty listener cannot stop the others or the core. */
export class EventHub {
  private readonly listeners = new Set<CoreEventListener>();

  constructor(private readonly log: CoreLog) {}

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: CoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log.error(`A core event listener failed on '${event.type}'`, error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
