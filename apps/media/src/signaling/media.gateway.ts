import { Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { MEDIA_CONFIG, MediaAppConfig } from '@app/config';
import {
  Empty,
  ErrorBody,
  MEDIA_NAMESPACE,
  MediaRequestNames,
  MediaRequest as Req,
  MediaResponse as Res,
} from '@app/contracts';
import { SOCKET_MAX_BUFFER_BYTES } from '../sfu/media-limits';
import { Peer, PeerChannel } from '../sfu/peer';
import { SfuService } from '../sfu/sfu.service';
import { verifyRoomToken } from './room-token';
import {
  AckInterceptor,
  ConnectedPeer,
  SignalingExceptionFilter,
  SignalingRequest,
  toErrorBody,
} from './signaling-ack';

/**
 * Signaling for the SFU. A socket is authenticated by its room token before it connects, and
 * becomes a peer of its room; each message below is one line into SfuService. Bad input is
 * acknowledged `{ ok: false, error }` and the room carries on.
 */
@WebSocketGateway({
  namespace: MEDIA_NAMESPACE,
  // a message past this closes the connection; smaller oversized ones are refused by SignalingRequest
  maxHttpBufferSize: SOCKET_MAX_BUFFER_BYTES,
  pingInterval: 10_000,
  pingTimeout: 5_000,
  // the token travels in the handshake body, not in a cookie: any origin may connect with one
  cors: { origin: true, credentials: false },
})
@UseInterceptors(AckInterceptor)
@UseFilters(SignalingExceptionFilter)
export class MediaGateway implements OnGatewayInit, OnGatewayDisconnect {
  constructor(
    private readonly sfu: SfuService,
    @Inject(MEDIA_CONFIG) private readonly config: MediaAppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(connectError(toErrorBody(error))),
      );
    });
  }

  handleDisconnect(socket: Socket): void {
    const peer = socket.data.peer as Peer | undefined;
    if (peer) this.sfu.disconnected(peer);
  }

  @SubscribeMessage('getRouterRtpCapabilities')
  getRouterRtpCapabilities(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() _req: Req<'getRouterRtpCapabilities'>,
  ): Res<'getRouterRtpCapabilities'> {
    return this.sfu.getRouterRtpCapabilities(peer);
  }

  @SubscribeMessage('createWebRtcTransport')
  createWebRtcTransport(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'createWebRtcTransport'>,
  ): Promise<Res<'createWebRtcTransport'>> {
    return this.sfu.createWebRtcTransport(peer, req);
  }

  @SubscribeMessage('connectWebRtcTransport')
  connectWebRtcTransport(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'connectWebRtcTransport'>,
  ): Promise<Empty> {
    return this.sfu.connectWebRtcTransport(peer, req);
  }

  @SubscribeMessage('restartIce')
  restartIce(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'restartIce'>,
  ): Promise<Res<'restartIce'>> {
    return this.sfu.restartIce(peer, req);
  }

  @SubscribeMessage('join')
  join(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'join'>): Res<'join'> {
    return this.sfu.join(peer, req);
  }

  @SubscribeMessage('produce')
  produce(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'produce'>): Promise<Res<'produce'>> {
    return this.sfu.produce(peer, req);
  }

  @SubscribeMessage('closeProducer')
  closeProducer(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'closeProducer'>): Empty {
    return this.sfu.closeProducer(peer, req);
  }

  @SubscribeMessage('pauseProducer')
  pauseProducer(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'pauseProducer'>): Promise<Empty> {
    return this.sfu.pauseProducer(peer, req);
  }

  @SubscribeMessage('resumeProducer')
  resumeProducer(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'resumeProducer'>,
  ): Promise<Empty> {
    return this.sfu.resumeProducer(peer, req);
  }

  @SubscribeMessage('pauseConsumer')
  pauseConsumer(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'pauseConsumer'>): Promise<Empty> {
    return this.sfu.pauseConsumer(peer, req);
  }

  @SubscribeMessage('resumeConsumer')
  resumeConsumer(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'resumeConsumer'>,
  ): Promise<Empty> {
    return this.sfu.resumeConsumer(peer, req);
  }

  @SubscribeMessage('setConsumerPreferredLayers')
  setConsumerPreferredLayers(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'setConsumerPreferredLayers'>,
  ): Promise<Empty> {
    return this.sfu.setConsumerPreferredLayers(peer, req);
  }

  @SubscribeMessage('requestConsumerKeyFrame')
  requestConsumerKeyFrame(
    @ConnectedPeer() peer: Peer,
    @SignalingRequest() req: Req<'requestConsumerKeyFrame'>,
  ): Promise<Empty> {
    return this.sfu.requestConsumerKeyFrame(peer, req);
  }

  @SubscribeMessage('inviteCohost')
  inviteCohost(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'inviteCohost'>): Empty {
    return this.sfu.inviteCohost(peer, req);
  }

  @SubscribeMessage('removeCohost')
  removeCohost(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'removeCohost'>): Empty {
    return this.sfu.removeCohost(peer, req);
  }

  @SubscribeMessage('setHand')
  setHand(@ConnectedPeer() peer: Peer, @SignalingRequest() req: Req<'setHand'>): Res<'setHand'> {
    return this.sfu.setHand(peer, req);
  }

  @SubscribeMessage('endRoom')
  endRoom(@ConnectedPeer() peer: Peer, @SignalingRequest() _req: Req<'endRoom'>): Empty {
    return this.sfu.endRoom(peer);
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const claims = verifyRoomToken(auth?.token, this.config.auth.roomTokenSecret);
    const peer = await this.sfu.connect(claims, socketChannel(socket));
    socket.data.peer = peer;
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (!KNOWN_REQUESTS.has(event) && typeof ack === 'function') {
        ack({
          ok: false,
          error: { code: 'ROUTE_NOT_FOUND', message: `Unknown request "${event.slice(0, 64)}"` },
        });
      }
    });
    // the client went away while it was being admitted: no disconnect event will come for it
    if (socket.conn.readyState !== 'open') this.sfu.disconnected(peer);
  }
}

const KNOWN_REQUESTS: ReadonlySet<string> = new Set(MediaRequestNames);

/** Refusal at connection: the client's `connect_error` carries the ErrorBody in `err.data`. */
function connectError(body: ErrorBody): Error & { data: ErrorBody } {
  return Object.assign(new Error(body.message), { data: body });
}

function socketChannel(socket: Socket): PeerChannel {
  return {
    notify: (event, payload) => {
      socket.emit(event, payload);
    },
    request: (event, payload, timeoutMs) => socket.timeout(timeoutMs).emitWithAck(event, payload),
    disconnect: () => {
      // let queued notifications (roomClosed, removed) go out before the socket closes
      setImmediate(() => socket.disconnect(true));
    },
  };
}
