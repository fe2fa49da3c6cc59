import { DomainError, Role, UploadPurpose } from '@app/contracts';

export interface UploadPolicy {
  /** media types accepted, as declared by the client and as sniffed from the bytes */
  types: readonly string[];
  maxBytes: number;
  /** who may start such an upload (admins always may); absent: anyone signed in */
  roles?: readonly Role[];
}

const MiB = 1024 * 1024;
const IMAGES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The one table of what may be uploaded for what. */
export const UploadPolicies: Readonly<Record<UploadPurpose, UploadPolicy>> = {
  avatar: { types: IMAGES, maxBytes: 5 * MiB },
  'product-photo': { types: IMAGES, maxBytes: 10 * MiB },
  'lesson-video': {
    types: ['video/mp4', 'video/webm'],
    maxBytes: 2048 * MiB,
    roles: ['instructor', 'program_admin'],
  },
  document: { types: ['application/pdf'], maxBytes: 20 * MiB },
};

/** The largest upload any policy allows; the `/s3` proxy refuses bodies above it outright. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UploadPolicies).map((p) => p.maxBytes));

/** `Image/PNG; charset=x` → `image/png`: policies and sniffing compare the bare media type. */
export function normalizeMediaType(value: string): string {
  return value.split(';')[0].trim().toLowerCase();
}

export interface UploadClaim {
  purpose: UploadPurpose;
  /** bare media type the client declared */
  contentType: string;
  declaredSize: number;
}

/**
 * Judges a stored object against what was declared and what the purpose allows. `sniffed` is the
 * type read from the first bytes (null: no known format); leave it out to check only the stat.
 * Returns the refusal, or null when the object is acceptable.
 */
export function judgeObject(
  claim: UploadClaim,
  stored: { size: number; contentType: string },
  sniffed?: string | null,
): DomainError | null {
  const policy = UploadPolicies[claim.purpose];
  if (stored.size > policy.maxBytes) {
    return new DomainError(
      'UPLOAD_TOO_LARGE',
      `The file has ${stored.size} bytes; ${claim.purpose} uploads may have at most ${policy.maxBytes}.`,
    );
  }
  if (stored.size !== claim.declaredSize) {
    return new DomainError(
      'UPLOAD_CONTENT_MISMATCH',
      `The file has ${stored.size} bytes, not the ${claim.declaredSize} declared.`,
    );
  }
  const sentAs = normalizeMediaType(stored.contentType);
  if (sentAs !== claim.contentType) {
    return new DomainError(
      'UPLOAD_CONTENT_MISMATCH',
      `The file was sent as ${sentAs}, not the ${claim.contentType} declared.`,
    );
  }
  if (sniffed === undefined) return null;
  if (sniffed === null) {
    return new DomainError(
      'UPLOAD_CONTENT_MISMATCH',
      `The content is not ${claim.contentType} (no known file format).`,
    );
  }
  if (!policy.types.includes(sniffed)) {
    return new DomainError(
      'UPLOAD_CONTENT_MISMATCH',
      `The content is ${sniffed}, which ${claim.purpose} uploads do not accept.`,
    );
  }
  if (sniffed !== claim.contentType) {
    return new DomainError(
      'UPLOAD_CONTENT_MISMATCH',
      `The content is ${sniffed}, not the ${claim.contentType} declared.`,
    );
  }
  return null;
}
