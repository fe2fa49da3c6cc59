import type {
  CreateLiveSessionRequest,
  DownloadUrlResponse,
  ListLiveSessionsRequest,
  LiveSessionView,
  RoomTokenRequest,
  RoomTokenResponse,
} from '@app/contracts';
import { apiClient } from '../../api';

/** The `/api/live-sessions` endpoints the live pages use. */
export const liveApi = {
  /** live ones first, then scheduled ones by start time; ended ones newest first (the api's order) */
  list(signal?: AbortSignal, query: ListLiveSessionsRequest = {}): Promise<LiveSessionView[]> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) params.set(name, String(value));
    const search = params.toString();
    return apiClient.get<LiveSessionView[]>(`/api/live-sessions${search ? `?${search}` : ''}`, { signal });
  },
  /** A short-lived link to the replay video (through the api's `/s3` proxy, Range requests work). */
  replay(id: string, signal?: AbortSignal): Promise<DownloadUrlResponse> {
    return apiClient.get<DownloadUrlResponse>(`/api/live-sessions/${encodeURIComponent(id)}/replay`, {
      signal,
    });
  },
  get(id: string, signal?: AbortSignal): Promise<LiveSessionView> {
    return apiClient.get<LiveSessionView>(`/api/live-sessions/${encodeURIComponent(id)}`, { signal });
  },
  create(request: CreateLiveSessionRequest): Promise<LiveSessionView> {
    return apiClient.post<LiveSessionView>('/api/live-sessions', request);
  },
  start(id: string): Promise<LiveSessionView> {
    return apiClient.post<LiveSessionView>(`/api/live-sessions/${encodeURIComponent(id)}/start`);
  },
  end(id: string): Promise<LiveSessionView> {
    return apiClient.post<LiveSessionView>(`/api/live-sessions/${encodeURIComponent(id)}/end`);
  },
  /**
   * A short-lived token for the media server. Sent with the access token when there is one (the
   * client renews it if it expired), so right after this call the stored access token is fresh:
   * the live-room socket connects with it.
   */
  roomToken(id: string, observe = false): Promise<RoomTokenResponse> {
    const body: RoomTokenRequest | undefined = observe ? { observe: true } : undefined;
    return apiClient.post<RoomTokenResponse>(`/api/live-sessions/${encodeURIComponent(id)}/room-token`, body);
  },
};

// A room token asked for while the page still loads the session, so joining does not wait for
// two round trips in a row on a slow link. Used once, and only while fresh (tokens live ~2 min).
const PREFETCH_FRESH_MS = 20_000;
let prefetched: { id: string; at: number; token: Promise<RoomTokenResponse> } | null = null;

export function prefetchRoomToken(id: string): void {
  const token = liveApi.roomToken(id);
  token.catch(() => undefined); // not live yet, or offline: the join asks again
  prefetched = { id, at: Date.now(), token };
}

/** The prefetched token if there is a fresh one for this session, else a new request. */
export function takeRoomToken(id: string, observe = false): Promise<RoomTokenResponse> {
  const p = prefetched;
  prefetched = null;
  if (observe) return liveApi.roomToken(id, true); // the prefetched one is a viewer's
  if (p && p.id === id && Date.now() - p.at < PREFETCH_FRESH_MS)
    return p.token.catch(() => liveApi.roomToken(id));
  return liveApi.roomToken(id);
}
