import { UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  Ack,
  ChatMessageView,
  LIVE_ROOM_NAMESPACE,
  liveHostRoomName,
  LiveRoomClientEvents,
  LiveRoomServerEvents,
  liveRoomName,
  RoomSnapshot,
  userRoomName,
} from '@app/contracts';
import { Actor, TokenService } from '@app/identity';
import { LiveRoomService } from '@app/live';
import { LikeDto, RoomRef, SendChatDto } from './live-room.dto';
import { WsAckErrorFilter, wsValidationPipe } from './ws-errors';

type Empty = Record<string, never>;
const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
const actorOf = (socket: Socket): Actor | null => (socket.data as { actor?: Actor }).actor ?? null;

/** Transport only: every decision is in LiveRoomService; messages out come from the notifier. */
@WebSocketGateway({ namespace: LIVE_ROOM_NAMESPACE, cors: { origin: true }, maxHttpBufferSize: 16 * 1024 })
@UseFilters(WsAckErrorFilter)
@UsePipes(wsValidationPipe())
export class LiveRoomGateway implements OnGatewayConnection {
  constructor(
    private readonly rooms: LiveRoomService,
    private readonly tokens: TokenService,
  ) {}

  /**
   * Watching needs no account; a valid access token (handshake `auth.token`) lets one chat and
   * puts the socket in its person's room, where notices arrive.
   */
  async handleConnection(socket: Socket<LiveRoomClientEvents, LiveRoomServerEvents>): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string') return;
    let actor: Actor;
    try {
      actor = this.tokens.verifyAccess(token);
    } catch {
      socket.emit('authError', { code: 'AUTH_TOKEN_INVALID' });
      return;
    }
    (socket.data as { actor?: Actor }).actor = actor;
    await socket.join(userRoomName(actor.id));
  }

  @SubscribeMessage('joinRoom')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() m: RoomRef): Promise<Ack<RoomSnapshot>> {
    const snapshot = await this.rooms.snapshot(m.sessionId, actorOf(socket));
    const rooms = [liveRoomName(m.sessionId)];
    if (snapshot.isHost) rooms.push(liveHostRoomName(m.sessionId));
    await socket.join(rooms);
    return ok(snapshot);
  }

  @SubscribeMessage('leaveRoom')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() m: RoomRef): Promise<Ack<Empty>> {
    await Promise.all([socket.leave(liveRoomName(m.sessionId)), socket.leave(liveHostRoomName(m.sessionId))]);
    return ok({});
  }

  @SubscribeMessage('sendChat')
  async chat(
    @ConnectedSocket() socket: Socket,
    @MessageBody() m: SendChatDto,
  ): Promise<Ack<ChatMessageView>> {
    return ok(await this.rooms.postChat(actorOf(socket), m.sessionId, m.text));
  }

  @SubscribeMessage('like')
  like(@MessageBody() m: LikeDto): Ack<Empty> {
    this.rooms.addLikes(m.sessionId, m.count);
    return ok({});
  }
}
