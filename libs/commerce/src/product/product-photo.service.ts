import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { DomainError } from '@app/contracts';
import { ObjectStorage } from '@app/storage';
import { ProductPhoto } from './product-photo.entity';

/** Presigned URLs live this long; browsers may cache the redirect for a fraction of it. */
const URL_TTL_SECONDS = 3600;
const REDIRECT_MAX_AGE_SECONDS = 600;

/** The same-origin address pages use for a product photo (see ProductPhotoController). */
export function productPhotoUrl(uploadId: string, size: 'thumb' | 'full'): string {
  return `/api/product-photos/${uploadId}${size === 'thumb' ? '?size=thumb' : ''}`;
}

@Injectable()
export class ProductPhotoService {
  constructor(
    @InjectEntityManager() private readonly reader: EntityManager,
    private readonly storage: ObjectStorage,
  ) {}

  async url(uploadId: string, size: 'thumb' | 'full'): Promise<{ url: string; maxAge: number }> {
    const photo = await this.reader.findOne(ProductPhoto, { where: { uploadId } });
    if (!photo) throw new DomainError('NOT_FOUND', 'No such product photo.');
    const key = size === 'thumb' ? (photo.thumbnailKey ?? photo.objectKey) : photo.objectKey;
    const url = await this.storage.presignGet(key, URL_TTL_SECONDS);
    return { url, maxAge: REDIRECT_MAX_AGE_SECONDS };
  }
}
