export const UploadPurposes = ['avatar', 'product-photo', 'lesson-video', 'document'] as const;
export type UploadPurpose = (typeof UploadPurposes)[number];

export interface CreateUploadRequest {
  purpose: UploadPurpose;
  contentType: string;
  /** declared size in bytes; the presigned policy enforces it */
  size: number;
  fileName?: string;
}

export interface CreateUploadResponse {
  uploadId: string;
  /** presigned URL the browser PUTs the bytes to */
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

export type UploadStatus = 'pending' | 'verified' | 'rejected';

export interface UploadView {
  id: string;
  purpose: UploadPurpose;
  contentType: string;
  size: number;
  status: UploadStatus;
  createdAt: string;
}

export interface DownloadUrlResponse {
  url: string;
  expiresAt: string;
}
