import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AssignInstructorRequest,
  CreateCohortRequest,
  CreateOrganizationRequest,
  CreateProgramRequest,
  EligibilityCategories,
  EligibilityCategory,
  OrganizationKind,
  OrganizationKinds,
  SubsidyRule,
} from '@app/contracts';

export class CreateOrganizationDto implements CreateOrganizationRequest {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ enum: OrganizationKinds })
  @IsIn(OrganizationKinds)
  kind: OrganizationKind;
}

export class SubsidyRuleDto implements SubsidyRule {
  @ApiProperty()
  @IsBoolean()
  requireCertificate: boolean;

  @ApiProperty({ minimum: 0, maximum: 10000 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10000)
  minHours: number;
}

export class CreateProgramDto implements CreateProgramRequest {
  @ApiProperty({ maxLength: 120, example: '2026年直播电商技能培训' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ maxLength: 80, example: '贵州省黔东南州' })
  @IsString()
  @Length(1, 80)
  region: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  fundingBody: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsISO8601({ strict: true })
  @Length(10, 10)
  startsOn: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsISO8601({ strict: true })
  @Length(10, 10)
  endsOn: string;

  @ApiProperty({ enum: EligibilityCategories, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EligibilityCategories.length)
  @IsIn(EligibilityCategories, { each: true })
  eligibleCategories: EligibilityCategory[];

  @ApiProperty({ type: SubsidyRuleDto })
  @ValidateNested()
  @Type(() => SubsidyRuleDto)
  subsidyRule: SubsidyRuleDto;
}

export class CreateCohortDto implements CreateCohortRequest {
  @ApiProperty({ maxLength: 60, example: '2026春季一班' })
  @IsString()
  @Length(1, 60)
  name: string;
}

export class AssignInstructorDto implements AssignInstructorRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an account holding the instructor role; give this or `identifier`',
  })
  @ValidateIf((o: AssignInstructorDto) => o.identifier === undefined)
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({
    maxLength: 254,
    example: '138 0013 8000',
    description: "the instructor's sign-in mobile number or e-mail; give this or `userId`",
  })
  @ValidateIf((o: AssignInstructorDto) => o.userId === undefined)
  @IsString()
  @Length(1, 254)
  identifier?: string;
}
