import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {
  CohortView,
  DashboardView,
  EnrollmentView,
  EnrollTraineeResponse,
  ImportEnrollmentsResponse,
  OrganizationView,
  ProgramInstructorView,
  ProgramView,
  SubsidyEligibleTrainee,
} from '@app/contracts';
import { Actor, CurrentActor, Public } from '@app/identity';
import { ClaimInviteDto, EnrollTraineeDto, ImportEnrollmentsDto } from '../enrollment/dto/enrollment.dto';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { ReportService } from '../report/report.service';
import {
  AssignInstructorDto,
  CreateCohortDto,
  CreateOrganizationDto,
  CreateProgramDto,
} from './dto/program.dto';
import { ProgramInstructorService } from './program-instructor.service';
import { ProgramService } from './program.service';

@ApiTags('learning: programs')
@ApiBearerAuth()
@Controller()
export class ProgramController {
  constructor(
    private readonly programs: ProgramService,
    private readonly instructors: ProgramInstructorService,
    private readonly enrollments: EnrollmentService,
    private readonly reports: ReportService,
  ) {}

  @Post('organizations')
  createOrganization(
    @CurrentActor() a: Actor,
    @Body() dto: CreateOrganizationDto,
  ): Promise<OrganizationView> {
    return this.programs.createOrganization(a, dto);
  }

  @Get('organizations')
  listOrganizations(@CurrentActor() a: Actor): Promise<OrganizationView[]> {
    return this.programs.listOrganizations(a);
  }

  @Post('programs')
  createProgram(@CurrentActor() a: Actor, @Body() dto: CreateProgramDto): Promise<ProgramView> {
    return this.programs.createProgram(a, dto);
  }

  @Get('programs')
  listPrograms(@CurrentActor() a: Actor): Promise<ProgramView[]> {
    return this.programs.listPrograms(a);
  }

  @Get('programs/:id')
  getProgram(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProgramView> {
    return this.programs.getProgram(a, id);
  }

  @Post('programs/:id/cohorts')
  createCohort(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCohortDto,
  ): Promise<CohortView> {
    return this.programs.createCohort(a, id, dto);
  }

  @Get('programs/:id/instructors')
  listInstructors(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProgramInstructorView[]> {
    return this.instructors.list(a, id);
  }

  @Post('programs/:id/instructors')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Let an instructor author the program's courses, by account id or sign-in mobile/e-mail (idempotent)",
  })
  assignInstructor(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignInstructorDto,
  ): Promise<ProgramInstructorView> {
    return this.instructors.assign(a, id, dto);
  }

  @Delete('programs/:id/instructors/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: "Take back an instructor's right to author the program's courses (idempotent)" })
  removeInstructor(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    return this.instructors.remove(a, id, userId);
  }

  @Post('programs/:id/enrollments')
  @ApiOperation({ summary: 'Enrol one trainee; creates the account with a one-time invite code if needed' })
  enroll(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EnrollTraineeDto,
  ): Promise<EnrollTraineeResponse> {
    return this.enrollments.enrollOne(a, id, dto);
  }

  @Post('programs/:id/enrollments/import')
  @ApiOperation({
    summary: 'Enrol from CSV: all rows or none (ENROLLMENT_IMPORT_REJECTED lists every problem)',
  })
  importCsv(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ImportEnrollmentsDto,
  ): Promise<ImportEnrollmentsResponse> {
    return this.enrollments.importCsv(a, id, dto);
  }

  @Get('programs/:id/enrollments')
  listEnrollments(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnrollmentView[]> {
    return this.enrollments.listForProgram(a, id);
  }

  @Get('me/enrollments')
  myEnrollments(@CurrentActor() a: Actor): Promise<EnrollmentView[]> {
    return this.enrollments.mine(a);
  }

  @Public()
  @Post('invites/claim')
  @HttpCode(204)
  @ApiOperation({ summary: 'A trainee enrolled by the office sets a password with the SMS invite code' })
  claimInvite(@Body() dto: ClaimInviteDto): Promise<void> {
    return this.enrollments.claimInvite(dto);
  }

  @Get('programs/:id/dashboard')
  dashboard(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DashboardView> {
    return this.reports.dashboard(a, id);
  }

  @Get('programs/:id/subsidy-eligible')
  subsidyEligible(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SubsidyEligibleTrainee[]> {
    return this.reports.subsidyEligible(a, id);
  }

  @Get('programs/:id/subsidy-eligible.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="subsidy-eligible.csv"')
  async subsidyCsv(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.subsidyCsv(a, id));
  }
}
