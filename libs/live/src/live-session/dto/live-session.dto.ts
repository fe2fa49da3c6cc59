import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  CreateLiveSessionRequest,
  LiveSessionKind,
  LiveSessionKinds,
  LiveSessionStatus,
  LiveSessionStatuses,
  ListLiveSessionsRequest,
  ReplayCompleteRequest,
  ReplayFailedRequest,
  ReplayFailureStage,
  ReplayFailureStages,
  RoomReport,
} from '@app/contracts';
import { Type } from 'class-transformer';
import { IsArray, ValidateNested, ArrayMaxSize } from 'class-validator';
import { AttendanceRole, AttendanceRoles, RoomTokenRequest } from '@app/contracts';

export class CreateLiveSessionDto implements CreateLiveSessionRequest {
  @ApiProperty({ enum: LiveSessionKinds })
  @IsIn(LiveSessionKinds)
  kind: LiveSessionKind;

  @ApiProperty({ maxLength: 80 })
  @IsString()
  @Length(1, 80)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ApiPropertyOptional({ example: '2026-12-01T12:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledStart?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  record?: boolean;
}

export class ListLiveSessionsQuery implements ListLiveSessionsRequest {
  @ApiPropertyOptional({ enum: LiveSessionStatuses })
  @IsOptional()
  @IsIn(LiveSessionStatuses)
  status?: LiveSessionStatus;

  @ApiPropertyOptional({ enum: LiveSessionKinds })
  @IsOptional()
  @IsIn(LiveSessionKinds)
  kind?: LiveSessionKind;

  @ApiPropertyOptional({ enum: ['ready'], description: 'only sessions whose replay can be played' })
  @IsOptional()
  @IsIn(['ready'])
  replay?: 'ready';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class AttendanceIntervalDto {
  @IsString()
  @Length(1, 64)
  userId: string;

  /** observers are never reported: an interval with that role is refused */
  @IsIn(AttendanceRoles)
  role: AttendanceRole;

  @IsISO8601({ strict: true })
  joinedAt: string;

  @IsISO8601({ strict: true })
  leftAt: string;
}

export class RoomReportDto implements RoomReport {
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  viewersNow: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  peakViewers: number;

  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceIntervalDto)
  attendance: AttendanceIntervalDto[];

  @IsOptional()
  @IsBoolean()
  ended?: boolean;
}

export class RoomTokenDto implements RoomTokenRequest {
  @ApiPropertyOptional({ description: 'program admins and admins, live classes only: watch unseen' })
  @IsOptional()
  @IsBoolean()
  observe?: boolean;
}

export class ReplayCompleteDto implements ReplayCompleteRequest {
  @IsInt()
  @Min(0)
  @Max(24 * 3600 * 1000)
  durationMs: number;

  @IsInt()
  @Min(1)
  size: number;
}

export class ReplayFailedDto implements ReplayFailedRequest {
  @IsIn(ReplayFailureStages)
  stage: ReplayFailureStage;

  @IsString()
  @Length(0, 2000)
  reason: string;
}
