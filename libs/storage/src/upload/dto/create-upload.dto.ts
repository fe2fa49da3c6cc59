import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CreateUploadRequest, UploadPurpose, UploadPurposes } from '@app/contracts';

export class CreateUploadDto implements CreateUploadRequest {
  @ApiProperty({ enum: UploadPurposes })
  @IsIn(UploadPurposes)
  purpose: UploadPurpose;

  @ApiProperty({ example: 'image/png' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, { message: 'contentType must be a media type such as image/png' })
  contentType: string;

  @ApiProperty({ description: 'size in bytes', example: 20480 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size: number;

  @ApiPropertyOptional({ example: 'photo.png' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}
