import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { HeartbeatRequest, HoursCorrectionRequest } from '@app/contracts';

export class HeartbeatDto implements HeartbeatRequest {
  @ApiProperty({ maxLength: 64, description: 'chosen by the client once per tab' })
  @IsString()
  @Length(8, 64)
  @Matches(/^[A-Za-z0-9_-]+$/)
  tabId: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  seq: number;

  @ApiProperty({ minimum: 0, description: 'playback position in seconds' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(36000)
  positionSec: number;

  @ApiProperty({ minimum: 0.25, maximum: 16, description: 'above 2 earns nothing' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(16)
  playbackRate: number;
}

export class HoursCorrectionDto implements HoursCorrectionRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  lessonId?: string;

  @ApiProperty({ description: 'signed hours; negative takes hours away', example: 1.5 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(-500)
  @Max(500)
  hours: number;

  @ApiProperty({ maxLength: 500, example: '线下集中授课补录（签到表编号 2026-031）' })
  @IsString()
  @Length(4, 500)
  reason: string;
}
