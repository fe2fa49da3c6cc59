import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type {
  CourseView,
  HeartbeatResponse,
  LessonVideoLink,
  LessonView,
  ModuleView,
  TeachingView,
} from '@app/contracts';
import { Actor, CurrentActor, OptionalActor, Public } from '@app/identity';
import { HeartbeatDto } from '../progress/dto/progress.dto';
import { HeartbeatService } from '../progress/heartbeat.service';
import { CourseService } from './course.service';
import { CourseEditingService } from './course-editing.service';
import {
  CreateCourseDto,
  CreateLessonDto,
  CreateModuleDto,
  MoveLessonDto,
  MoveModuleDto,
  UpdateCourseDto,
  UpdateLessonDto,
  UpdateModuleDto,
} from './dto/course.dto';
import { LessonVideoService, VideoResponse } from './lesson-video.service';
import { VideoLinks } from './video-link';

/** The progress rule for edits, as the api docs state it (see CourseEditingService). */
const EDITING_RULE =
  'Trainees keep what they earned. Hours stay in the ledger under the course and lesson they were ' +
  "earned in; a completed lesson keeps the credits it was worth then, and a lesson's new credits " +
  "count for completions from then on. A course's required hours and credits apply to everyone " +
  'not yet certified (a lowered target is evaluated at once); issued certificates keep what they ' +
  "were issued with. Only the program's instructors and program admins may edit (403 FORBIDDEN).";

/** Writes a video answer: 200 whole, 206 with Content-Range, or 416 with the size. */
async function sendVideo(res: Response, v: VideoResponse): Promise<void> {
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'private, no-store');
  if (v.kind === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${v.size}`);
    res.json({
      code: 'RANGE_NOT_SATISFIABLE',
      message: `The range lies outside the file (${v.size} bytes).`,
    });
    return;
  }
  const { read } = v;
  res.status(v.kind === 'partial' ? 206 : 200);
  res.setHeader('Content-Type', read.contentType);
  res.setHeader('Content-Length', String(read.end - read.start + 1));
  if (v.kind === 'partial') res.setHeader('Content-Range', `bytes ${read.start}-${read.end}/${read.size}`);
  await pipeline(read.stream, res);
}

@ApiTags('learning: courses')
@ApiBearerAuth()
@Controller()
export class CourseController {
  constructor(
    private readonly courses: CourseService,
    private readonly editing: CourseEditingService,
    private readonly videos: LessonVideoService,
    private readonly heartbeats: HeartbeatService,
    private readonly links: VideoLinks,
  ) {}

  @Post('programs/:id/courses')
  create(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCourseDto,
  ): Promise<CourseView> {
    return this.courses.createCourse(a, id, dto);
  }

  @Get('programs/:id/courses')
  list(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CourseView[]> {
    return this.courses.listForProgram(a, id);
  }

  @Get('me/teaching')
  @ApiOperation({ summary: 'The programs and courses the signed-in instructor or program admin may author' })
  teaching(@CurrentActor() a: Actor): Promise<TeachingView> {
    return this.courses.teaching(a);
  }

  @Get('courses/:id')
  get(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CourseView> {
    return this.courses.get(a, id);
  }

  @Post('courses/:id/modules')
  addModule(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateModuleDto,
  ): Promise<ModuleView> {
    return this.courses.addModule(a, id, dto);
  }

  @Post('modules/:id/lessons')
  addLesson(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateLessonDto,
  ): Promise<LessonView> {
    return this.courses.addLesson(a, id, dto);
  }

  @Patch('courses/:id')
  @ApiOperation({
    summary: "Edit a course's fields (the program's instructors and program admins)",
    description: EDITING_RULE,
  })
  updateCourse(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCourseDto,
  ): Promise<CourseView> {
    return this.editing.updateCourse(a, id, dto);
  }

  @Patch('modules/:id')
  @ApiOperation({ summary: 'Rename a module' })
  updateModule(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateModuleDto,
  ): Promise<ModuleView> {
    return this.editing.updateModule(a, id, dto);
  }

  @Post('modules/:id/move')
  @HttpCode(200)
  @ApiOperation({
    summary: "Put a module at a 0-based position among its course's modules; answers the course",
    description: 'Positions stay 0…n-1. `position` outside that: 400 VALIDATION_FAILED, reason `outOfRange`.',
  })
  moveModule(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MoveModuleDto,
  ): Promise<CourseView> {
    return this.editing.moveModule(a, id, dto);
  }

  @Patch('lessons/:id')
  @ApiOperation({
    summary: "Edit a lesson's title, credits and content (never its kind)",
    description: EDITING_RULE,
  })
  updateLesson(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateLessonDto,
  ): Promise<LessonView> {
    return this.editing.updateLesson(a, id, dto);
  }

  @Post('lessons/:id/move')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put a lesson at a 0-based position in its module, or in another module of its course',
    description:
      'Both modules stay numbered 0…n-1. A module of another course: 400 VALIDATION_FAILED, reason ' +
      '`otherCourse`; an unknown module: 404 NOT_FOUND; `position` outside the module: 400, reason `outOfRange`.',
  })
  moveLesson(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MoveLessonDto,
  ): Promise<CourseView> {
    return this.editing.moveLesson(a, id, dto);
  }

  @Post('lessons/:id/complete')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a text or practice lesson done' })
  complete(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.courses.completeLesson(a, id);
  }

  @Post('lessons/:id/video-link')
  @HttpCode(200)
  @ApiOperation({ summary: 'A short-lived video address for a <video> element, which cannot send headers' })
  videoLink(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LessonVideoLink> {
    return this.videos.link(a, id);
  }

  @Public()
  @Get('lessons/:id/video')
  @ApiOperation({
    summary: 'The lesson video (bearer token or `ticket` from video-link); honours Range for seeking',
  })
  @ApiHeader({ name: 'Range', required: false, example: 'bytes=0-1048575' })
  @ApiProduces('video/mp4', 'video/webm')
  async video(
    @OptionalActor() signedIn: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('ticket') ticket: string | undefined,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const actor = ticket ? this.links.actorFor(ticket, id) : signedIn;
    await sendVideo(res, await this.videos.open(actor, id, range));
  }

  @Post('lessons/:id/heartbeats')
  @HttpCode(200)
  @ApiOperation({ summary: 'Video watch heartbeat; the server decides what it is worth' })
  heartbeat(
    @CurrentActor() a: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: HeartbeatDto,
  ): Promise<HeartbeatResponse> {
    return this.heartbeats.beat(a, id, dto);
  }
}
