import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type {
  LiveSessionStateResponse,
  ReplayCompleteRequest,
  ReplayFailedRequest,
  ReplayUploadRequest,
  ReplayUploadResponse,
} from '@app/contracts';
import { backoffMs, sleep } from '../reporting/backoff';
import { InternalApi, InternalApiError } from '../reporting/internal-api';
import { probeDurationMs } from './ffmpeg';

const ATTEMPTS = 4;

/**
 * Puts a finished recording into object storage: duration from ffprobe, a presigned PUT URL from
 * the api, the file streamed to it. The media server never holds storage credentials. Each step is
 * retried on transient failures; rejects otherwise. Resolves with what `reportReplayComplete`
 * sends: the api is not told yet, so the caller can delete its temp files first.
 */
export async function uploadReplay(
  api: InternalApi,
  roomId: string,
  file: string,
  signal: AbortSignal,
): Promise<ReplayCompleteRequest> {
  const durationMs = await probeDurationMs(file);
  const { size } = await stat(file);
  const uploadRequest: ReplayUploadRequest = { contentType: 'video/webm', size };
  const target = await retrying(signal, () =>
    api.post<ReplayUploadResponse>(`${internalPath(roomId)}/replay-upload`, uploadRequest, signal),
  );
  await retrying(signal, () => putFile(api.resolve(target.url), target.headers, file, size, signal));
  return { durationMs, size };
}

/**
 * Tells the api the uploaded replay is complete (`replay-complete`): viewers can watch it from
 * then on. Retried like the upload; rejects when the api cannot be told.
 */
export async function reportReplayComplete(
  api: InternalApi,
  roomId: string,
  complete: ReplayCompleteRequest,
  signal: AbortSignal,
): Promise<void> {
  const body: ReplayCompleteRequest = { durationMs: complete.durationMs, size: complete.size };
  await retrying(signal, () => api.post(`${internalPath(roomId)}/replay-complete`, body, signal));
}

/**
 * Tells the api this room's replay will never arrive, so viewers see it failed instead of waiting
 * for it forever. Retried like the upload; rejects when the api cannot be told.
 */
export async function reportReplayFailed(
  api: InternalApi,
  roomId: string,
  failure: ReplayFailedRequest,
  signal: AbortSignal,
): Promise<void> {
  const body: ReplayFailedRequest = { stage: failure.stage, reason: failure.reason.slice(0, 2000) };
  await retrying(signal, () => api.post(`${internalPath(roomId)}/replay-failed`, body, signal));
}

/** Where the session stands (live or not), as the api says; one try, rejects with InternalApiError. */
export function readSessionState(
  api: InternalApi,
  roomId: string,
  signal: AbortSignal,
): Promise<LiveSessionStateResponse> {
  return api.get<LiveSessionStateResponse>(`${internalPath(roomId)}/state`, signal);
}

function internalPath(roomId: string): string {
  return `/api/internal/live-sessions/${encodeURIComponent(roomId)}`;
}

async function retrying<T>(signal: AbortSignal, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const retryable = error instanceof InternalApiError && error.retryable;
      if (!retryable || attempt >= ATTEMPTS || signal.aborted) throw error;
      await sleep(backoffMs(attempt, 1000, 10_000), signal);
    }
  }
}

/** Streams the file (never read whole into memory) with its exact length, as S3 wants for a PUT. */
async function putFile(
  url: string,
  headers: Record<string, string>,
  file: string,
  size: number,
  signal: AbortSignal,
): Promise<void> {
  // at least a minute, and no slower than 256 kB/s
  const timeout = AbortSignal.timeout(Math.max(60_000, Math.ceil(size / 256)));
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      duplex: 'half',
      signal: AbortSignal.any([timeout, signal]),
    } as RequestInit & { duplex: 'half' });
  } catch (error) {
    throw new InternalApiError(
      `PUT replay: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
    );
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new InternalApiError(`PUT replay: ${res.status} ${text.slice(0, 300)}`, res.status);
}
