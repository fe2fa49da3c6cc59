import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import type { StorageConfig } from '@app/config';
import {
  CreateUploadRequest,
  CreateUploadResponse,
  DomainError,
  DownloadUrlResponse,
  UploadPurpose,
  UploadView,
} from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, hasAnyRole } from '@app/identity';
import { ObjectStorage } from '../object-storage';
import { STORAGE_CONFIG } from '../storage.module';
import { SNIFF_BYTES, sniffContentType } from './content-sniffer';
import { judgeObject, normalizeMediaType, UploadPolicies } from './upload-policy';
import { Upload } from './upload.entity';

/** A checked file other modules may reference (product photos, lesson videos, documents). */
export interface VerifiedUpload {
  id: string;
  ownerId: string;
  purpose: UploadPurpose;
  objectKey: string;
  contentType: string;
  size: number;
  fileName: string | null;
}

export interface ByteRange {
  start: number;
  /** inclusive, as in HTTP Range */
  end: number;
}

export interface RangeRead {
  stream: Readable;
  start: number;
  end: number;
  /** size of the whole object, for Content-Range */
  size: number;
  contentType: string;
}

/**
 * Browsers only ever hold a URL for the incoming key. On completion the bytes are copied to the
 * final key and judged there, so nobody can swap the content after it was checked (a presigned PUT
 * URL stays usable until it expires).
 */
export const incomingKey = (ownerId: string, uploadId: string): string => `incoming/${ownerId}/${uploadId}`;
export const finalKey = (ownerId: string, uploadId: string): string => `uploads/${ownerId}/${uploadId}`;

export function toUploadView(u: Upload): UploadView {
  return {
    id: u.id,
    purpose: u.purpose,
    contentType: u.contentType,
    size: u.declaredSize,
    fileName: u.fileName,
    status: u.status,
    rejectReason: u.rejectReason,
    createdAt: u.createdAt.toISOString(),
    verifiedAt: u.verifiedAt ? u.verifiedAt.toISOString() : null,
  };
}

function toVerified(u: Upload): VerifiedUpload {
  return {
    id: u.id,
    ownerId: u.ownerId,
    purpose: u.purpose,
    objectKey: u.objectKey,
    contentType: u.contentType,
    size: u.declaredSize,
    fileName: u.fileName,
  };
}

const uploadNotFound = (): DomainError => new DomainError('UPLOAD_NOT_FOUND', 'No such upload.');

/** Control characters and path separators never reach a Content-Disposition header. */
function cleanFileName(name: string | undefined): string | null {
  const cleaned = [...(name ?? '')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' || '/\\"'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return cleaned ? cleaned.slice(0, 255) : null;
}

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly storage: ObjectStorage,
    @Inject(STORAGE_CONFIG) private readonly cfg: StorageConfig,
  ) {}

  async create(actor: Actor, req: CreateUploadRequest): Promise<CreateUploadResponse> {
    const policy = UploadPolicies[req.purpose];
    if (policy.roles && !hasAnyRole(actor.roles, policy.roles)) {
      throw new DomainError(
        'FORBIDDEN',
        `Only ${policy.roles.join(' or ')} accounts may upload a ${req.purpose}.`,
      );
    }
    const contentType = normalizeMediaType(req.contentType);
    if (!policy.types.includes(contentType)) {
      throw new DomainError(
        'UPLOAD_TYPE_NOT_ALLOWED',
        `A ${req.purpose} must be one of ${policy.types.join(', ')}; got ${contentType}.`,
      );
    }
    if (req.size > policy.maxBytes) {
      throw new DomainError(
        'UPLOAD_TOO_LARGE',
        `A ${req.purpose} may have at most ${policy.maxBytes} bytes; this one has ${req.size}.`,
      );
    }
    const id = randomUUID();
    const ttl = this.cfg.presignTtl;
    const url = await this.storageCall(() => this.storage.presignPut(incomingKey(actor.id, id), ttl));
    await this.uow.run(({ em }) =>
      em.insert(Upload, {
        id,
        ownerId: actor.id,
        purpose: req.purpose,
        objectKey: finalKey(actor.id, id),
        contentType,
        declaredSize: req.size,
        fileName: cleanFileName(req.fileName),
        status: 'pending',
      }),
    );
    return {
      uploadId: id,
      url,
      method: 'PUT',
      headers: { 'Content-Type': contentType },
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
    };
  }

  /**
   * The client says the bytes are in place: judge them and settle the upload. The row stays locked
   * meanwhile, so two completions of one upload cannot interleave their copies and deletions.
   */
  async complete(actor: Actor, id: string): Promise<UploadView> {
    const outcome = await this.uow.run(async ({ em }) => {
      const upload = await em.findOne(Upload, { where: { id }, lock: { mode: 'pessimistic_write' } });
      // owner only: an admin reads uploads but does not vouch for someone else's bytes
      if (!upload || upload.ownerId !== actor.id) throw uploadNotFound();
      if (upload.status === 'verified') return { upload };
      if (upload.status === 'rejected') {
        throw new DomainError(
          'CONFLICT',
          `This upload was already refused (${upload.rejectReason ?? 'no reason kept'}). Start a new one.`,
        );
      }
      const refusal = await this.inspect(upload);
      const settled: Partial<Upload> = refusal
        ? { status: 'rejected', rejectReason: refusal.message.slice(0, 200) }
        : { status: 'verified', verifiedAt: new Date() };
      await em.update(Upload, { id }, settled);
      return { upload: Object.assign(upload, settled), refusal };
    });
    // thrown only after the rejection committed: the row must stay `rejected`
    if (outcome.refusal) throw outcome.refusal;
    return toUploadView(outcome.upload);
  }

  async view(actor: Actor, id: string): Promise<UploadView> {
    return toUploadView(await this.readable(actor, id));
  }

  async downloadUrl(actor: Actor, id: string): Promise<DownloadUrlResponse> {
    const upload = await this.readable(actor, id);
    if (upload.status !== 'verified')
      throw new DomainError('UPLOAD_NOT_FOUND', 'This upload has no checked file yet.');
    return this.presignDownload(toVerified(upload));
  }

  /**
   * For other modules: the upload exists, is verified, has one of `purposes` and (when `ownerId`
   * is given) belongs to that user. Pass `em` to read inside the caller's transaction.
   */
  async requireVerified(
    uploadId: string,
    ownerId: string | null,
    purposes: readonly UploadPurpose[],
    em?: EntityManager,
  ): Promise<VerifiedUpload> {
    const find = (m: EntityManager) => m.findOne(Upload, { where: { id: uploadId } });
    const upload = em ? await find(em) : await this.uow.run(({ em: m }) => find(m));
    if (!upload || (ownerId !== null && upload.ownerId !== ownerId)) throw uploadNotFound();
    if (upload.status !== 'verified')
      throw new DomainError('UPLOAD_NOT_FOUND', 'This upload has no checked file yet.');
    if (!purposes.includes(upload.purpose)) {
      throw new DomainError(
        'UPLOAD_TYPE_NOT_ALLOWED',
        `This upload is a ${upload.purpose}; expected ${purposes.join(' or ')}.`,
      );
    }
    return toVerified(upload);
  }

  /** A short-lived URL browsers read the file from; the verified type is forced on the response. */
  async presignDownload(file: VerifiedUpload): Promise<DownloadUrlResponse> {
    const ttl = this.cfg.presignTtl;
    const disposition = file.fileName ? `inline; filename*=UTF-8''${rfc5987(file.fileName)}` : 'inline';
    const url = await this.storageCall(() =>
      this.storage.presignGet(file.objectKey, ttl, {
        'response-content-type': file.contentType,
        'response-content-disposition': disposition,
      }),
    );
    return { url, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }

  /** Streams a verified file or part of it (video seeking). Callers turn `range` from the Range header. */
  async readRange(file: VerifiedUpload, range?: ByteRange): Promise<RangeRead> {
    const last = file.size - 1;
    if (
      range &&
      (!Number.isSafeInteger(range.start) ||
        !Number.isSafeInteger(range.end) ||
        range.start < 0 ||
        range.start > range.end ||
        range.start > last)
    ) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `The range ${range.start}-${range.end} lies outside the file (${file.size} bytes).`,
      );
    }
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? last, last);
    const stream = await this.storageCall(() =>
      this.storage.getStream(file.objectKey, range ? { start, end } : undefined),
    );
    return { stream, start, end, size: file.size, contentType: file.contentType };
  }

  private async readable(actor: Actor, id: string): Promise<Upload> {
    const upload = await this.uow.run(({ em }) => em.findOne(Upload, { where: { id } }));
    // someone else's upload answers exactly like a missing one
    if (!upload || (upload.ownerId !== actor.id && !actor.roles.includes('admin'))) throw uploadNotFound();
    return upload;
  }

  /**
   * Moves the bytes from the incoming key to the final one and judges them there. Returns the
   * refusal (the objects are then gone) or null. A retry after a crash between copy and commit
   * finds the final object already in place and judges it again.
   */
  private async inspect(upload: Upload): Promise<DomainError | null> {
    const incoming = incomingKey(upload.ownerId, upload.id);
    const staged = await this.storageCall(() => this.storage.stat(incoming));
    if (staged) {
      // cheap refusals (size, declared type) before copying possibly large junk
      const early = judgeObject(upload, staged);
      if (early) {
        await this.storageCall(() => this.storage.remove(incoming));
        return early;
      }
      await this.storageCall(() => this.storage.copy(incoming, upload.objectKey));
      await this.storageCall(() => this.storage.remove(incoming));
    }
    const stored = await this.storageCall(() => this.storage.stat(upload.objectKey));
    if (!stored)
      throw new DomainError(
        'UPLOAD_NOT_FOUND',
        'Nothing was uploaded yet: PUT the file to the upload URL first.',
      );
    const head =
      stored.size > 0
        ? await this.storageCall(() =>
            this.storage.head(upload.objectKey, Math.min(SNIFF_BYTES, stored.size)),
          )
        : Buffer.alloc(0);
    const refusal = judgeObject(upload, stored, sniffContentType(head));
    if (refusal) await this.storageCall(() => this.storage.remove(upload.objectKey));
    return refusal;
  }

  /** Object storage failures reach people as STORAGE_UNAVAILABLE, with the cause in the log. */
  private async storageCall<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof DomainError) throw e;
      this.logger.error(`object storage failed: ${e instanceof Error ? e.message : String(e)}`);
      throw new DomainError(
        'STORAGE_UNAVAILABLE',
        'File storage is not reachable right now. Please try again.',
      );
    }
  }
}
