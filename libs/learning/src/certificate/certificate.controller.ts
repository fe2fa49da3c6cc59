import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type {
  CertificateVerification,
  CertificateView,
  EnrollmentProgressView,
  HoursEntryView,
} from '@app/contracts';
import { Actor, CurrentActor, Public } from '@app/identity';
import { HoursCorrectionDto } from '../progress/dto/progress.dto';
import { HoursLedgerService } from '../progress/hours-ledger.service';
import { ProgressService } from '../progress/progress.service';
import { CertificateIssuer } from './certificate-issuer';
import { CertificateService } from './certificate.service';
import { RevokeCertificateDto } from './dto/certificate.dto';

/** The origin the browser used, for the verify link printed on the PDF. */
const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

@ApiTags('learning: progress and certificates')
@ApiBearerAuth()
@Controller()
export class CertificateController {
  constructor(
    private readonly certificates: CertificateService,
    private readonly issuer: CertificateIssuer,
    private readonly ledger: HoursLedgerService,
    private readonly progress: ProgressService,
  ) {}

  @Get('enrollments/:id/progress')
  getProgress(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnrollmentProgressView> {
    return this.progress.progress(a, id);
  }

  @Get('enrollments/:id/hours')
  @ApiOperation({ summary: 'The enrolment’s verified-hours ledger, oldest first' })
  hours(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<HoursEntryView[]> {
    return this.ledger.entries(a, id);
  }

  @Post('enrollments/:id/hours-corrections')
  @ApiOperation({ summary: 'Program admin appends a signed correction with its reason (never edits)' })
  correct(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: HoursCorrectionDto,
  ): Promise<HoursEntryView> {
    return this.ledger.correct(a, id, dto);
  }

  @Post('enrollments/:id/evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue any certificates now due (idempotent); returns those issued by this call' })
  evaluate(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CertificateView[]> {
    return this.issuer.evaluateAs(a, id);
  }

  @Get('enrollments/:id/certificates')
  list(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CertificateView[]> {
    return this.certificates.listForEnrollment(a, id);
  }

  @Public()
  @Get('certificates/verify/:code')
  @ApiOperation({ summary: 'Public check of a certificate code; unknown codes answer CERTIFICATE_NOT_FOUND' })
  verify(@Param('code') code: string): Promise<CertificateVerification> {
    return this.certificates.verify(code);
  }

  @Get('certificates/:id')
  get(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CertificateView> {
    return this.certificates.get(a, id);
  }

  @Get('certificates/:id/hours')
  @ApiOperation({ summary: 'The ledger entries the certificate was issued on' })
  hoursBehind(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<HoursEntryView[]> {
    return this.certificates.hoursBehind(a, id);
  }

  @Get('certificates/:id/pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
  ): Promise<StreamableFile> {
    const file = await this.certificates.pdf(a, id, originOf(req));
    return new StreamableFile(file.body, {
      type: 'application/pdf',
      disposition: `inline; filename="${file.fileName}"`,
    });
  }

  @Post('certificates/:id/revoke')
  @HttpCode(200)
  revoke(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevokeCertificateDto,
  ): Promise<CertificateView> {
    return this.certificates.revoke(a, id, dto);
  }
}
