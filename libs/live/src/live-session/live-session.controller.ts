import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  DownloadUrlResponse,
  LiveSessionStateResponse,
  LiveSessionView,
  ReplayUploadResponse,
  RoomTokenResponse,
} from '@app/contracts';
import { Actor, CurrentActor, InternalGuard, OptionalActor, Public } from '@app/identity';
import {
  CreateLiveSessionDto,
  ListLiveSessionsQuery,
  ReplayCompleteDto,
  ReplayFailedDto,
  RoomReportDto,
  RoomTokenDto,
} from './dto/live-session.dto';
import { LiveSessionService } from './live-session.service';
import { ReplayService } from './replay.service';

@ApiTags('live')
@ApiBearerAuth()
@Controller('live-sessions')
export class LiveSessionController {
  constructor(
    private readonly sessions: LiveSessionService,
    private readonly replays: ReplayService,
  ) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLiveSessionDto): Promise<LiveSessionView> {
    return this.sessions.create(actor, dto);
  }

  @Public()
  @Get()
  list(@Query() q: ListLiveSessionsQuery): Promise<LiveSessionView[]> {
    return this.sessions.list(q);
  }

  @Public()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<LiveSessionView> {
    return this.sessions.get(id);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LiveSessionView> {
    return this.sessions.start(actor, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  end(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LiveSessionView> {
    return this.sessions.end(actor, id);
  }

  /** Anyone may watch a live sale without signing in; classes need an account. */
  @Public()
  @Post(':id/room-token')
  @HttpCode(200)
  roomToken(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RoomTokenDto,
  ): Promise<RoomTokenResponse> {
    return this.sessions.roomToken(actor, id, dto);
  }

  @Public()
  @Get(':id/replay')
  replay(@Param('id', ParseUUIDPipe) id: string): Promise<DownloadUrlResponse> {
    return this.replays.playbackUrl(id);
  }
}

/** media → api. Not for browsers: guarded by the shared internal secret. */
@ApiTags('internal')
@Public()
@UseGuards(InternalGuard)
@Controller('internal/live-sessions')
export class InternalLiveController {
  constructor(
    private readonly sessions: LiveSessionService,
    private readonly replays: ReplayService,
  ) {}

  @Get(':id/state')
  state(@Param('id', ParseUUIDPipe) id: string): Promise<LiveSessionStateResponse> {
    return this.sessions.state(id);
  }

  @Post(':id/report')
  @HttpCode(204)
  report(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RoomReportDto): Promise<void> {
    return this.sessions.applyReport(id, dto);
  }

  @Post(':id/replay-upload')
  @HttpCode(200)
  replayUpload(@Param('id', ParseUUIDPipe) id: string): Promise<ReplayUploadResponse> {
    return this.replays.uploadUrl(id);
  }

  @Post(':id/replay-complete')
  @HttpCode(204)
  replayComplete(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplayCompleteDto): Promise<void> {
    return this.replays.complete(id, dto);
  }

  @Post(':id/replay-failed')
  @HttpCode(204)
  replayFailed(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplayFailedDto): Promise<void> {
    return this.replays.fail(id, dto);
  }
}
