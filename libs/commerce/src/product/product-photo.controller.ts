import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/identity';
import { ProductPhotoService } from './product-photo.service';

/**
 * Public product photos for `<img src>`: a short redirect to a presigned GET, so pages and the
 * pinned card never handle storage keys or signatures themselves.
 */
@ApiTags('commerce')
@Public()
@Controller('product-photos')
export class ProductPhotoController {
  constructor(private readonly photos: ProductPhotoService) {}

  @Get(':uploadId')
  async photo(
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Query('size') size: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { url, maxAge } = await this.photos.url(uploadId, size === 'thumb' ? 'thumb' : 'full');
    res.set('Cache-Control', `public, max-age=${maxAge}`).redirect(302, url);
  }
}
