import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CreateUploadResponse, DownloadUrlResponse, UploadView } from '@app/contracts';
import { Actor, CurrentActor } from '@app/identity';
import { CreateUploadDto } from './dto/create-upload.dto';
import { UploadService } from './upload.service';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadController {
  constructor(private readonly uploads: UploadService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUploadDto): Promise<CreateUploadResponse> {
    return this.uploads.create(actor, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UploadView> {
    return this.uploads.complete(actor, id);
  }

  @Get(':id')
  view(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UploadView> {
    return this.uploads.view(actor, id);
  }

  @Get(':id/download-url')
  downloadUrl(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DownloadUrlResponse> {
    return this.uploads.downloadUrl(actor, id);
  }
}
