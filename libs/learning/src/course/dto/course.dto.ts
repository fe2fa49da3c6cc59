import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
  ValidateIf,
} from 'class-validator';
import {
  CreateCourseRequest,
  CreateLessonRequest,
  CreateModuleRequest,
  LessonKind,
  LessonKinds,
  MoveLessonRequest,
  MoveModuleRequest,
  SkillLevel,
  SkillLevels,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from '@app/contracts';

/** Titles are stored trimmed, so "   " is as empty as "" and fails the length check. */
const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * An edit's field may be left out, but not sent as null: null would read as "clear it", which no
 * editable field allows (`@IsOptional` would let null through unchecked).
 */
const Omittable = () => ValidateIf((_o: object, value: unknown) => value !== undefined);

export class CreateCourseDto implements CreateCourseRequest {
  @ApiProperty({ maxLength: 120, example: '农产品直播带货（初级）' })
  @Trimmed()
  @IsString()
  @Length(1, 120)
  title: string;

  @ApiProperty({ maxLength: 80, example: '互联网营销师' })
  @Trimmed()
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
  @Trimmed()
  @IsString()
  @Length(1, 120)
  title: string;
}

export class CreateLessonDto implements CreateLessonRequest {
  @ApiProperty({ maxLength: 120 })
  @Trimmed()
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

export class UpdateCourseDto implements UpdateCourseRequest {
  @ApiPropertyOptional({ maxLength: 120 })
  @Omittable()
  @Trimmed()
  @IsString()
  @Length(1, 120)
  title?: string;

  @ApiPropertyOptional({ maxLength: 80 })
  @Omittable()
  @Trimmed()
  @IsString()
  @Length(1, 80)
  occupationCategory?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @Omittable()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(1000)
  credits?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000 })
  @Omittable()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(2000)
  requiredHours?: number;

  @ApiPropertyOptional({ enum: SkillLevels })
  @Omittable()
  @IsIn(SkillLevels)
  skillLevel?: SkillLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'a skill evaluation agency' })
  @Omittable()
  @IsUUID()
  evaluatingOrganizationId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the list; [] for none' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  prerequisiteCourseIds?: string[];
}

export class UpdateModuleDto implements UpdateModuleRequest {
  @ApiProperty({ maxLength: 120 })
  @Trimmed()
  @IsString()
  @Length(1, 120)
  title: string;
}

/** No `kind`: the whitelist refuses it as an unknown field, since a lesson's kind never changes. */
export class UpdateLessonDto implements UpdateLessonRequest {
  @ApiPropertyOptional({ maxLength: 120 })
  @Omittable()
  @Trimmed()
  @IsString()
  @Length(1, 120)
  title?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'counts for completions from now on' })
  @Omittable()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  credits?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'video: a verified lesson-video upload' })
  @Omittable()
  @IsUUID()
  videoUploadId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 36000 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(36000)
  videoDurationSec?: number;

  @ApiPropertyOptional({ maxLength: 50000, description: 'text and practice lessons' })
  @Omittable()
  @IsString()
  @Length(1, 50000)
  body?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'live_class: a class live session' })
  @Omittable()
  @IsUUID()
  liveSessionId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the list; [] for none' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  prerequisiteLessonIds?: string[];
}

export class MoveModuleDto implements MoveModuleRequest {
  @ApiProperty({ minimum: 0, description: "0-based; at most the course's module count - 1" })
  @IsInt()
  @Min(0)
  position: number;
}

export class MoveLessonDto implements MoveLessonRequest {
  @ApiProperty({ minimum: 0, description: '0-based place in the (target) module' })
  @IsInt()
  @Min(0)
  position: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'another module of the same course' })
  @Omittable()
  @IsUUID()
  moduleId?: string;
}
