import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import {
  CreateCourseRequest,
  CreateLessonRequest,
  CreateModuleRequest,
  LessonKind,
  LessonKinds,
  SkillLevel,
  SkillLevels,
} from '@app/contracts';

export class CreateCourseDto implements CreateCourseRequest {
  @ApiProperty({ maxLength: 120, example: '农产品直播带货（初级）' })
  @IsString()
  @Length(1, 120)
  title: string;

  @ApiProperty({ maxLength: 80, example: '互联网营销师' })
  @IsString()
  @Length(1, 80)
  occupationCategory: string;

  @ApiProperty({ minimum: 0, maximum: 1000 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(1000)
  credits: number;

  @ApiProperty({ minimum: 0, maximum: 2000 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(2000)
  requiredHours: number;

  @ApiProperty({ enum: SkillLevels })
  @IsIn(SkillLevels)
  skillLevel: SkillLevel;

  @ApiProperty({ format: 'uuid', description: 'a skill evaluation agency' })
  @IsUUID()
  evaluatingOrganizationId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  prerequisiteCourseIds?: string[];
}

export class CreateModuleDto implements CreateModuleRequest {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  title: string;
}

export class CreateLessonDto implements CreateLessonRequest {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  title: string;

  @ApiProperty({ enum: LessonKinds })
  @IsIn(LessonKinds)
  kind: LessonKind;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  credits: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'video: a verified lesson-video upload' })
  @IsOptional()
  @IsUUID()
  videoUploadId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 36000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36000)
  videoDurationSec?: number;

  @ApiPropertyOptional({ maxLength: 50000 })
  @IsOptional()
  @IsString()
  @Length(1, 50000)
  body?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'live_class: a class live session' })
  @IsOptional()
  @IsUUID()
  liveSessionId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  prerequisiteLessonIds?: string[];
}
