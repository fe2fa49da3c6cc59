import { Injectable } from '@nestjs/common';

export interface DomainEvent {
  /** past tense, e.g. `UserSignedUp`, `OrderPlaced` */
  readonly type: string;
}

type Listener<E extends DomainEvent> = (event: E) => void;

/**
 * In-process bus for events that already committed. Cross-node delivery to sockets goes through the
 * socket.io adapter, so nothing here needs to leave the process.
 */
@Injectable()
export class DomainEventBus {
  private readonly listeners = new Map<string, Set<Listener<DomainEvent>>>();

  on<E extends DomainEvent>(type: E['type'], listener: Listener<E>): () => void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener as Listener<DomainEvent>);
    this.listeners.set(type, set);
    return () => set.delete(listener as Listener<DomainEvent>);
  }

  emit(event: DomainEvent): void {
    for (const l of this.listeners.get(event.type) ?? []) l(event);
  }
}
