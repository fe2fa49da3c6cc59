import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AssessmentView, PracticalSubmissionView, QuizAttemptView } from '@app/contracts';
import { Actor, CurrentActor } from '@app/identity';
import { AssessmentService } from './assessment.service';
import {
  CreateAssessmentDto,
  GradePracticalDto,
  SubmitPracticalDto,
  SubmitQuizDto,
} from './dto/assessment.dto';
import { PracticalService } from './practical.service';

@ApiTags('learning: assessments')
@ApiBearerAuth()
@Controller()
export class AssessmentController {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly practicals: PracticalService,
  ) {}

  @Post('courses/:id/assessments')
  create(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateAssessmentDto,
  ): Promise<AssessmentView> {
    return this.assessments.create(a, id, dto);
  }

  @Get('courses/:id/assessments')
  list(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AssessmentView[]> {
    return this.assessments.listForCourse(a, id);
  }

  @Get('assessments/:id')
  get(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AssessmentView> {
    return this.assessments.get(a, id);
  }

  @Post('assessments/:id/attempts')
  @ApiOperation({ summary: 'Submit quiz answers; graded by the server' })
  attempt(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitQuizDto,
  ): Promise<QuizAttemptView> {
    return this.assessments.submitQuiz(a, id, dto);
  }

  @Post('assessments/:id/practical-submissions')
  @ApiOperation({ summary: 'Hand in an ended practice sale for grading' })
  submitPractical(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitPracticalDto,
  ): Promise<PracticalSubmissionView> {
    return this.practicals.submit(a, id, dto);
  }

  @Get('assessments/:id/practical-submissions')
  listPracticals(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PracticalSubmissionView[]> {
    return this.practicals.listForAssessment(a, id);
  }

  @Get('practical-submissions/:id')
  getPractical(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PracticalSubmissionView> {
    return this.practicals.get(a, id);
  }

  @Post('practical-submissions/:id/grade')
  @HttpCode(200)
  @ApiOperation({ summary: 'Instructor grades with the rubric (four lines, 0-25 each)' })
  grade(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GradePracticalDto,
  ): Promise<PracticalSubmissionView> {
    return this.practicals.grade(a, id, dto);
  }
}
