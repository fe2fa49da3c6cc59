import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import { LIVE_ROOM_NAMESPACE, LiveRoomServerEvents, liveRoomName } from '@app/contracts';
import { DomainEventBus } from '@app/database';
import type {
  LiveChatPosted,
  LiveLikesChanged,
  LiveSessionEnded,
  LiveSessionStarted,
  LiveViewersReported,
} from '@app/live';

/**
 * Turns committed domain events into the room's socket messages (declared in libs/contracts).
 * Emitting through the namespace goes through socket.io's adapter, so with Redis every api node's
 * viewers get them.
 */
@Injectable()
@WebSocketGateway({ namespace: LIVE_ROOM_NAMESPACE })
export class LiveRoomNotifier implements OnModuleInit, OnModuleDestroy {
  @WebSocketServer()
  private readonly nsp: Namespace;
  private readonly off: Array<() => void> = [];

  constructor(private readonly events: DomainEventBus) {}

  private emit<E extends keyof LiveRoomServerEvents>(
    sessionId: string,
    event: E,
    ...args: Parameters<LiveRoomServerEvents[E]>
  ): void {
    this.nsp?.to(liveRoomName(sessionId)).emit(event, ...args);
  }

  onModuleInit(): void {
    this.off.push(
      this.events.on<LiveChatPosted>('LiveChatPosted', (e) =>
        this.emit(e.message.sessionId, 'chatMessage', e.message),
      ),
      this.events.on<LiveLikesChanged>('LiveLikesChanged', (e) =>
        this.emit(e.sessionId, 'likes', { sessionId: e.sessionId, total: e.total }),
      ),
      this.events.on<LiveViewersReported>('LiveViewersReported', (e) =>
        this.emit(e.sessionId, 'viewerCount', { sessionId: e.sessionId, viewers: e.viewers }),
      ),
      this.events.on<LiveSessionStarted>('LiveSessionStarted', (e) =>
        this.emit(e.sessionId, 'sessionStatus', { sessionId: e.sessionId, status: 'live' }),
      ),
      this.events.on<LiveSessionEnded>('LiveSessionEnded', (e) =>
        this.emit(e.sessionId, 'sessionStatus', { sessionId: e.sessionId, status: 'ended' }),
      ),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.off) off();
  }
}
