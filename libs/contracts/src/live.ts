import type { AttendanceRole, RoomTokenRole } from './media-signaling';

export const LiveSessionKinds = ['sale', 'class'] as const;
export type LiveSessionKind = (typeof LiveSessionKinds)[number];

export const LiveSessionStatuses = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type LiveSessionStatus = (typeof LiveSessionStatuses)[number];

export interface CreateLiveSessionRequest {
  kind: LiveSessionKind;
  title: string;
  description?: string;
  /** ISO 8601 with offset; stored in UTC */
  scheduledStart?: string;
  record?: boolean;
}

export interface LiveSessionView {
  id: string;
  kind: LiveSessionKind;
  title: string;
  description: string | null;
  status: LiveSessionStatus;
  host: { id: string; displayName: string };
  scheduledStart: string | null;
  startedAt: string | null;
  endedAt: string | null;
  record: boolean;
  viewersNow: number;
  peakViewers: number;
  replay: { available: boolean; durationMs: number | null; status: ReplayStatus };
  createdAt: string;
}

export type ReplayStatus = 'none' | 'recording' | 'processing' | 'ready' | 'failed';

/**
 * GET /api/live-sessions query. Without `status`: scheduled and live ones, live first, then by
 * start time. `status=ended`: newest end first. `replay=ready`: only those with a playable replay.
 */
export interface ListLiveSessionsRequest {
  status?: LiveSessionStatus;
  kind?: LiveSessionKind;
  replay?: 'ready';
  /** 1–100, default 100 */
  limit?: number;
}

/** POST /api/live-sessions/:id/room-token (body optional) */
export interface RoomTokenRequest {
  /**
   * Program admins and admins only, live classes only: watch unseen and unheard (token role
   * `observer`: consumes only, never listed, not counted). Never implied.
   */
  observe?: boolean;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface RoomTokenResponse {
  token: string;
  role: RoomTokenRole;
  /** socket.io URL of the media server (namespace `/media`); empty means same origin */
  mediaUrl: string;
  /** path for socket.io on that origin */
  mediaPath: string;
  iceServers: IceServer[];
  expiresAt: string;
}

/** media → api (internal, `x-internal-secret`): one report per room every few seconds. */
export interface RoomReport {
  viewersNow: number;
  peakViewers: number;
  /** intervals that closed since the last report (a peer left or the room ended) */
  attendance: Array<{ userId: string; role: AttendanceRole; joinedAt: string; leftAt: string }>;
  /** set once when the room ended (host ended it, or the host's grace period ran out) */
  ended?: boolean;
}

/**
 * media → api (internal, GET `/api/internal/live-sessions/:id/state`): where a session stands. The
 * recorder records a session only while it is `live`, so a replay never holds the studio preview.
 * The api does not push the state: after every change of status it calls the media server's
 * `POST /internal/rooms/:id/session-changed` (no body, `x-internal-secret`), whose recorder then
 * asks for it here. The recorder also asks every few seconds by itself, so a lost call delays a
 * recording, never loses it.
 */
export interface LiveSessionStateResponse {
  status: LiveSessionStatus;
  startedAt: string | null;
  endedAt: string | null;
}

export interface ReplayUploadRequest {
  contentType: 'video/webm';
  size: number;
}

export interface ReplayUploadResponse {
  url: string;
  headers: Record<string, string>;
}

export interface ReplayCompleteRequest {
  durationMs: number;
  size: number;
}

export const ReplayFailureStages = ['record', 'upload'] as const;
export type ReplayFailureStage = (typeof ReplayFailureStages)[number];

/**
 * media → api: the recording will never be uploaded (ffmpeg died or never started, the codecs do
 * not fit WebM, the upload was refused). The replay becomes `failed` instead of staying `processing`.
 */
export interface ReplayFailedRequest {
  stage: ReplayFailureStage;
  /** for the logs, not for people */
  reason: string;
}
