import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AssessmentKind,
  AssessmentKinds,
  CreateAssessmentRequest,
  GradePracticalRequest,
  QuestionKind,
  QuestionKinds,
  QuizAnswer,
  QuizQuestionInput,
  SubmitPracticalRequest,
  SubmitQuizRequest,
} from '@app/contracts';

export class QuizQuestionDto implements QuizQuestionInput {
  @ApiProperty({ enum: QuestionKinds })
  @IsIn(QuestionKinds)
  kind: QuestionKind;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  prompt: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  options: string[];

  @ApiProperty({ type: [Number], description: 'indexes into options' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  correct: number[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  points?: number;
}

export class CreateAssessmentDto implements CreateAssessmentRequest {
  @ApiProperty({ enum: AssessmentKinds })
  @IsIn(AssessmentKinds)
  kind: AssessmentKind;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  title: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  passMark: number;

  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts: number;

  @ApiPropertyOptional({ type: [QuizQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  questions?: QuizQuestionDto[];
}

export class QuizAnswerDto implements QuizAnswer {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  choices: number[];
}

export class SubmitQuizDto implements SubmitQuizRequest {
  @ApiProperty({ type: [QuizAnswerDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuizAnswerDto)
  answers: QuizAnswerDto[];
}

export class SubmitPracticalDto implements SubmitPracticalRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  liveSessionId: string;
}

export class GradePracticalDto implements GradePracticalRequest {
  @ApiProperty({ minimum: 0, maximum: 25, description: '商品讲解 product presentation' })
  @IsInt()
  @Min(0)
  @Max(25)
  productPresentation: number;

  @ApiProperty({ minimum: 0, maximum: 25, description: '互动 viewer engagement' })
  @IsInt()
  @Min(0)
  @Max(25)
  viewerEngagement: number;

  @ApiProperty({ minimum: 0, maximum: 25, description: '诚信合规 honesty and compliance' })
  @IsInt()
  @Min(0)
  @Max(25)
  honestyCompliance: number;

  @ApiProperty({ minimum: 0, maximum: 25, description: '促成交易 closing the sale' })
  @IsInt()
  @Min(0)
  @Max(25)
  closingSale: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  comment?: string;
}
