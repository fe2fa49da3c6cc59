/**
 * Signaling between a browser (or test peer) and the media server, over socket.io namespace
 * `/media`. Every message is declared here once; the media server validates each one.
 *
 * Flow (mediasoup-demo shape): connect with `auth: { token }` (a room token) → `getRouterRtpCapabilities`
 * → `createWebRtcTransport` (recv; send too for publishers) → `connectWebRtcTransport` → `join`.
 * After `join` the server offers every producer of the room with a `newConsumer` request; the
 * consumer is created paused and resumed once the client acknowledges it.
 */
import type { Ack } from './errors';

export const MEDIA_NAMESPACE = '/media';

/**
 * A peer's role in a room. `cohost` is never issued in a token: it is a viewer the host invited on
 * stage (the api decides who may be invited, the host decides who is). An `observer` (a program
 * admin dropping into a class) consumes only, and is never listed to anyone nor counted.
 */
export const MediaRoles = ['host', 'cohost', 'viewer', 'observer'] as const;
export type MediaRole = (typeof MediaRoles)[number];

/** Roles a room token carries. */
export const RoomTokenRoles = ['host', 'viewer', 'observer'] as const;
export type RoomTokenRole = (typeof RoomTokenRoles)[number];

/** Roles that attend a room (attendance, viewer counts): observers are not among them. */
export const AttendanceRoles = ['host', 'cohost', 'viewer'] as const;
export type AttendanceRole = (typeof AttendanceRoles)[number];

/** Payload of the room token (HS256, `ROOM_TOKEN_SECRET`), issued by the api, checked by media. */
export interface RoomTokenClaims {
  /** user id */
  sub: string;
  /** room id */
  room: string;
  role: RoomTokenRole;
  /** display name */
  name: string;
  /** host tokens only: the session is recorded (the media server records the host's camera and mic) */
  record?: boolean;
  /**
   * viewer tokens only: the host may invite this person on stage (a signed-in, non-anonymous
   * viewer). Without it an invitation is refused with STAGE_NOT_ELIGIBLE.
   */
  stage?: boolean;
}

export const MediaKinds = ['audio', 'video'] as const;
export type MediaKind = (typeof MediaKinds)[number];

export const ProducerSources = ['camera', 'mic', 'screen'] as const;
export type ProducerSource = (typeof ProducerSources)[number];

// mediasoup's own parameter types, kept structural so this file imports nothing. The media server
// checks their shape and mediasoup checks their content (bad content → MEDIA_BAD_PARAMETERS).
export interface RtpCapabilities {
  codecs?: Array<Record<string, unknown>>;
  headerExtensions?: Array<Record<string, unknown>>;
}
export interface RtpParameters {
  mid?: string;
  codecs: Array<Record<string, unknown>>;
  headerExtensions?: Array<Record<string, unknown>>;
  encodings?: Array<Record<string, unknown>>;
  rtcp?: Record<string, unknown>;
}
export interface DtlsFingerprint {
  algorithm: string;
  value: string;
}
export interface DtlsParameters {
  role?: 'auto' | 'client' | 'server';
  fingerprints: DtlsFingerprint[];
}
export interface IceParameters {
  usernameFragment: string;
  password: string;
  iceLite?: boolean;
}
export interface IceCandidate {
  foundation: string;
  priority: number;
  ip: string;
  protocol: 'udp' | 'tcp';
  port: number;
  type: 'host';
  tcpType?: 'passive';
}

export interface PeerInfo {
  id: string;
  userId: string;
  name: string;
  /** `cohost` while a viewer is on stage, `viewer` again once removed */
  role: MediaRole;
  /** host always; a cohost (invited viewer) while on stage; a viewer never */
  canPublish: boolean;
  /** a viewer the host may invite on stage (room token claim `stage`) */
  stageEligible: boolean;
  /** a viewer asking to be brought on stage; cleared when invited or gone */
  handRaised: boolean;
}

export interface TransportInfo {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export type Empty = Record<string, never>;

/** Client → server requests, each answered through the socket.io acknowledgement with `Ack<response>`. */
export interface MediaRequests {
  getRouterRtpCapabilities: { request: Empty; response: { rtpCapabilities: RtpCapabilities } };
  createWebRtcTransport: { request: { direction: 'send' | 'recv' }; response: TransportInfo };
  connectWebRtcTransport: {
    request: { transportId: string; dtlsParameters: DtlsParameters };
    response: Empty;
  };
  restartIce: { request: { transportId: string }; response: { iceParameters: IceParameters } };
  /** Enter the room as a consumer; the server then offers every producer with `newConsumer`. */
  join: {
    request: { rtpCapabilities: RtpCapabilities };
    response: { you: PeerInfo; peers: PeerInfo[]; hostPresent: boolean };
  };
  produce: {
    request: { transportId: string; kind: MediaKind; source: ProducerSource; rtpParameters: RtpParameters };
    response: { id: string };
  };
  closeProducer: { request: { producerId: string }; response: Empty };
  pauseProducer: { request: { producerId: string }; response: Empty };
  resumeProducer: { request: { producerId: string }; response: Empty };
  pauseConsumer: { request: { consumerId: string }; response: Empty };
  resumeConsumer: { request: { consumerId: string }; response: Empty };
  /** Per-viewer simulcast layer choice (e.g. a small tile, a weak link). */
  setConsumerPreferredLayers: {
    request: { consumerId: string; spatialLayer: number; temporalLayer?: number };
    response: Empty;
  };
  requestConsumerKeyFrame: { request: { consumerId: string }; response: Empty };
  /**
   * Host only: bring a viewer on stage; they publish as a cohost until removed (kept across their
   * reconnects). Refused with STAGE_NOT_ELIGIBLE for a viewer whose token lacks `stage`.
   */
  inviteCohost: { request: { peerId: string }; response: Empty };
  /** Host only: stop a cohost publishing; their producers close and they are a viewer again. */
  removeCohost: { request: { peerId: string }; response: Empty };
  /**
   * A stage-eligible viewer raises (or lowers) a hand; the host sees it as `handRaised` in
   * `peerUpdated`. Idempotent (the same state again changes nothing); changes are rate-limited
   * (RATE_LIMITED). Answers the state now.
   */
  setHand: { request: { raised: boolean }; response: { raised: boolean } };
  /** Host only: end the room for everyone. */
  endRoom: { request: Empty; response: Empty };
}
export type MediaRequestName = keyof MediaRequests;
export type MediaRequest<K extends MediaRequestName> = MediaRequests[K]['request'];
export type MediaResponse<K extends MediaRequestName> = MediaRequests[K]['response'];

export const MediaRequestNames = [
  'getRouterRtpCapabilities',
  'createWebRtcTransport',
  'connectWebRtcTransport',
  'restartIce',
  'join',
  'produce',
  'closeProducer',
  'pauseProducer',
  'resumeProducer',
  'pauseConsumer',
  'resumeConsumer',
  'setConsumerPreferredLayers',
  'requestConsumerKeyFrame',
  'inviteCohost',
  'removeCohost',
  'setHand',
  'endRoom',
] as const satisfies readonly MediaRequestName[];

export interface NewConsumer {
  id: string;
  producerId: string;
  /** the publishing peer */
  peerId: string;
  kind: MediaKind;
  source: ProducerSource;
  rtpParameters: RtpParameters;
  type: 'simple' | 'simulcast' | 'svc' | 'pipe';
  producerPaused: boolean;
}

/** Server → client requests; the client answers `{ ok: true, data: {} }` once it is ready for media. */
export interface MediaServerRequests {
  newConsumer: { request: NewConsumer; response: Ack<Empty> };
}

export type RoomClosedReason = 'ended' | 'hostLeft' | 'mediaFailure' | 'shutdown';
export type PeerRemovedReason = 'replaced' | 'joinTimeout' | 'mediaFailure';
export type ProducerClosedReason = 'closedByClient' | 'publishRevoked' | 'transportClosed';

/** Server → client notifications (no acknowledgement). */
export interface MediaNotifications {
  peerJoined: PeerInfo;
  peerLeft: { peerId: string };
  peerUpdated: PeerInfo;
  consumerClosed: { consumerId: string };
  consumerPaused: { consumerId: string };
  consumerResumed: { consumerId: string };
  consumerLayersChanged: { consumerId: string; spatialLayer: number | null; temporalLayer: number | null };
  /** one of this peer's own producers was closed by the server */
  producerClosed: { producerId: string; reason: ProducerClosedReason };
  transportClosed: { transportId: string };
  /** this peer may (or may no longer) publish */
  publishPermission: { allowed: boolean };
  hostAway: { graceMs: number };
  hostBack: Empty;
  roomClosed: { reason: RoomClosedReason };
  /** this peer was removed from the room; the socket is disconnected right after */
  removed: { reason: PeerRemovedReason };
}
export type MediaNotificationName = keyof MediaNotifications;

/** socket.io typings for both ends (`Socket<MediaServerToClientEvents, MediaClientToServerEvents>` on the client). */
export type MediaClientToServerEvents = {
  [K in MediaRequestName]: (request: MediaRequest<K>, ack: (response: Ack<MediaResponse<K>>) => void) => void;
};
export type MediaServerToClientEvents = {
  [K in MediaNotificationName]: (payload: MediaNotifications[K]) => void;
} & {
  [K in keyof MediaServerRequests]: (
    request: MediaServerRequests[K]['request'],
    ack: (response: MediaServerRequests[K]['response']) => void,
  ) => void;
};
