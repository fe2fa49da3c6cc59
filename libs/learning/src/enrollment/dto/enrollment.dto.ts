import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import {
  ClaimInviteRequest,
  EligibilityCategories,
  EligibilityCategory,
  EnrollTraineeRequest,
  ImportEnrollmentsRequest,
} from '@app/contracts';

export class EnrollTraineeDto implements EnrollTraineeRequest {
  @ApiProperty({ maxLength: 40, example: '王小明' })
  @IsString()
  @Length(1, 40)
  name: string;

  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Length(11, 20)
  mobile: string;

  @ApiProperty({ enum: EligibilityCategories })
  @IsIn(EligibilityCategories)
  category: EligibilityCategory;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cohortId: string;
}

export class ImportEnrollmentsDto implements ImportEnrollmentsRequest {
  @ApiProperty({
    description: 'UTF-8 CSV with a header row: name, mobile, category, cohort (or 姓名, 手机号, 类别, 班级)',
    example: 'name,mobile,category,cohort\n王小明,13800138000,returning_migrant,2026春季一班',
  })
  @IsString()
  @MaxLength(200_000)
  csv: string;
}

export class ClaimInviteDto implements ClaimInviteRequest {
  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Length(11, 20)
  mobile: string;

  @ApiProperty({ example: '7K3M-Q9XD-2B4F' })
  @IsString()
  @Length(12, 20)
  code: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  password: string;
}
