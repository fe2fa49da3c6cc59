import { Injectable, Logger } from '@nestjs/common';
import sharp from 'sharp';
import { DomainError } from '@app/contracts';
import { ObjectStorage, VerifiedUpload } from '@app/storage';

const THUMB_EDGE = 320;

/** Product list thumbnails, stored next to the original as `<objectKey>.thumb.webp`. */
@Injectable()
export class ProductThumbnailer {
  private readonly logger = new Logger(ProductThumbnailer.name);

  constructor(private readonly storage: ObjectStorage) {}

  async make(file: VerifiedUpload): Promise<string> {
    const key = `${file.objectKey}.thumb.webp`;
    const original = await this.storage.head(file.objectKey, file.size);
    let thumb: Buffer;
    try {
      thumb = await sharp(original, { limitInputPixels: 50_000_000 })
        .rotate()
        .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer();
    } catch (e) {
      this.logger.warn(`cannot thumbnail ${file.id}: ${String(e)}`);
      throw new DomainError('UPLOAD_CONTENT_MISMATCH', 'This photo cannot be read as an image.');
    }
    await this.storage.put(key, thumb, thumb.length, 'image/webp');
    return key;
  }
}
