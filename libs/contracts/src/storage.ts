export const UploadPurposes = ['avatar', 'product-photo', 'lesson-video', 'document'] as const;
export type UploadPurpose = (typeof UploadPurposes)[number];

export interface CreateUploadRequest {
  purpose: UploadPurpose;
  contentType: string;
  /** declared size in bytes; the stored object must have exactly this size */
  size: number;
  /** shown to people and used as the download name; the content is judged by its bytes only */
  fileName?: string;
}

export interface CreateUploadResponse {
  uploadId: string;
  /** presigned URL the browser PUTs the bytes to; relative (`/s3/…`) when the api proxies storage */
  url: string;
  method: 'PUT';
  /** headers to send with the PUT (Content-Type) */
  headers: Record<string, string>;
  expiresAt: string;
}

export type UploadStatus = 'pending' | 'verified' | 'rejected';

export interface UploadView {
  id: string;
  purpose: UploadPurpose;
  contentType: string;
  size: number;
  fileName: string | null;
  status: UploadStatus;
  /** why the bytes were refused, when `status` is `rejected` */
  rejectReason: string | null;
  createdAt: string;
  verifiedAt: string | null;
}

export interface DownloadUrlResponse {
  /** presigned GET; relative (`/s3/…`) when the api proxies storage */
  url: string;
  expiresAt: string;
}
