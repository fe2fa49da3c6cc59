import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
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

/**
 * How a DTO takes a field: `required`; `optional`, where null counts as left out (new courses and
 * lessons); or `omittable`, see `Omittable` (edits).
 */
type Presence = 'required' | 'optional' | 'omittable';

/**
 * A field that a new course, module or lesson and its edit both take, with its rules and its docs
 * written once. `rules` are listed as stacked decorators would be and applied in the same
 * bottom-up order, so a refusal lists its reasons in the same order. A DTO adds its `presence` and
 * what its own docs say beyond `doc`.
 */
const field =
  (doc: ApiPropertyOptions, rules: () => PropertyDecorator[]) =>
  (presence: Presence, more: { description?: string; example?: string } = {}): PropertyDecorator =>
  (target, key) => {
    for (const rule of rules().reverse()) rule(target, key);
    if (presence === 'optional') IsOptional()(target, key);
    if (presence === 'omittable') Omittable()(target, key);
    const documented = presence === 'required' ? ApiProperty : ApiPropertyOptional;
    documented({ ...doc, ...more })(target, key);
  };

const Title = field({ maxLength: 120 }, () => [Trimmed(), IsString(), Length(1, 120)]);
const OccupationCategory = field({ maxLength: 80 }, () => [Trimmed(), IsString(), Length(1, 80)]);
const CourseCredits = field({ minimum: 0, maximum: 1000 }, () => [
  IsNumber({ maxDecimalPlaces: 1 }),
  Min(0),
  Max(1000),
]);
const RequiredHours = field({ minimum: 0, maximum: 2000 }, () => [
  IsNumber({ maxDecimalPlaces: 2 }),
  Min(0),
  Max(2000),
]);
const Level = field({ enum: SkillLevels }, () => [IsIn(SkillLevels)]);
const EvaluatingOrganization = field({ format: 'uuid', description: 'a skill evaluation agency' }, () => [
  IsUUID(),
]);
const PrerequisiteIds = field({ type: [String], format: 'uuid' }, () => [
  IsArray(),
  ArrayMaxSize(20),
  IsUUID('all', { each: true }),
]);
const LessonCredits = field({ minimum: 0, maximum: 100 }, () => [
  IsNumber({ maxDecimalPlaces: 1 }),
  Min(0),
  Max(100),
]);
const VideoUpload = field({ format: 'uuid', description: 'video: a verified lesson-video upload' }, () => [
  IsUUID(),
]);
const VideoDuration = field({ minimum: 1, maximum: 36000 }, () => [IsInt(), Min(1), Max(36000)]);
const Body = field({ maxLength: 50000 }, () => [IsString(), Length(1, 50000)]);
const LiveSession = field({ format: 'uuid', description: 'live_class: a class live session' }, () => [
  IsUUID(),
]);

/** What an edit of a prerequisite list means. */
const REPLACES_LIST = { description: 'replaces the list; [] for none' };

export class CreateCourseDto implements CreateCourseRequest {
  @Title('required', { example: '农产品直播带货（初级）' })
  title: string;

  @OccupationCategory('required', { example: '互联网营销师' })
  occupationCategory: string;

  @CourseCredits('required')
  credits: number;

  @RequiredHours('required')
  requiredHours: number;

  @Level('required')
  skillLevel: SkillLevel;

  @EvaluatingOrganization('required')
  evaluatingOrganizationId: string;

  @PrerequisiteIds('optional')
  prerequisiteCourseIds?: string[];
}

export class CreateModuleDto implements CreateModuleRequest {
  @Title('required')
  title: string;
}

export class CreateLessonDto implements CreateLessonRequest {
  @Title('required')
  title: string;

  @ApiProperty({ enum: LessonKinds })
  @IsIn(LessonKinds)
  kind: LessonKind;

  @LessonCredits('required')
  credits: number;

  @VideoUpload('optional')
  videoUploadId?: string;

  @VideoDuration('optional')
  videoDurationSec?: number;

  @Body('optional')
  body?: string;

  @LiveSession('optional')
  liveSessionId?: string;

  @PrerequisiteIds('optional')
  prerequisiteLessonIds?: string[];
}

export class UpdateCourseDto implements UpdateCourseRequest {
  @Title('omittable')
  title?: string;

  @OccupationCategory('omittable')
  occupationCategory?: string;

  @CourseCredits('omittable')
  credits?: number;

  @RequiredHours('omittable')
  requiredHours?: number;

  @Level('omittable')
  skillLevel?: SkillLevel;

  @EvaluatingOrganization('omittable')
  evaluatingOrganizationId?: string;

  @PrerequisiteIds('omittable', REPLACES_LIST)
  prerequisiteCourseIds?: string[];
}

/** A rename: the title is the module's only field, so it must be there. */
export class UpdateModuleDto implements UpdateModuleRequest {
  @Title('required')
  title: string;
}

/** No `kind`: the whitelist refuses it as an unknown field, since a lesson's kind never changes. */
export class UpdateLessonDto implements UpdateLessonRequest {
  @Title('omittable')
  title?: string;

  @LessonCredits('omittable', { description: 'counts for completions from now on' })
  credits?: number;

  @VideoUpload('omittable')
  videoUploadId?: string;

  @VideoDuration('omittable')
  videoDurationSec?: number;

  @Body('omittable', { description: 'text and practice lessons' })
  body?: string;

  @LiveSession('omittable')
  liveSessionId?: string;

  @PrerequisiteIds('omittable', REPLACES_LIST)
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
