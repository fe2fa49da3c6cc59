import type { ErrorBody } from '@app/contracts';
import { ApiError } from '../../api';
import { learningApi } from './learning-api';

/** Where an upload stands: bytes on their way (fraction 0–1), then the api checking them. */
export type UploadStage = { kind: 'sending'; fraction: number } | { kind: 'checking' };

/** Storage's refusal in the api's error shape when it sent one (the `/s3` proxy does), else a generic one. */
function storageFailure(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<ErrorBody>;
    if (body.code && body.message) return new ApiError(xhr.status, body.code, body.message);
  } catch {
    // an S3 XML error or an empty body: nothing more to say than the status
  }
  return new ApiError(xhr.status, 'STORAGE_UNAVAILABLE', `The upload failed (HTTP ${xhr.status}).`);
}

/**
 * A lesson video straight to storage by its presigned URL, with progress (fetch reports none for
 * uploads), then the api's check of the bytes. Resolves with the verified upload's id; a file
 * whose bytes are no video is refused by that check with `UPLOAD_CONTENT_MISMATCH`.
 */
export async function uploadLessonVideo(file: File, onStage: (stage: UploadStage) => void): Promise<string> {
  const target = await learningApi.createVideoUpload(file);
  onStage({ kind: 'sending', fraction: 0 });
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [k, v] of Object.entries(target.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onStage({ kind: 'sending', fraction: e.loaded / e.total });
    };
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(storageFailure(xhr)));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload was interrupted.'));
    xhr.send(file);
  });
  onStage({ kind: 'sending', fraction: 1 });
  onStage({ kind: 'checking' });
  await learningApi.completeUpload(target.uploadId);
  return target.uploadId;
}

/**
 * The video's length in whole seconds as the browser reads it, or null when it cannot (not a
 * video, or a codec this browser lacks). Only a suggestion: the instructor can correct it.
 */
export function probeDuration(file: File, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const video = document.createElement('video');
    const done = (value: number | null) => {
      clearTimeout(timer);
      video.onloadedmetadata = null;
      video.onerror = null;
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () =>
      done(
        Number.isFinite(video.duration) && video.duration > 0
          ? Math.max(1, Math.round(video.duration))
          : null,
      );
    video.onerror = () => done(null);
    video.src = url;
  });
}
