import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NoticeList } from '@app/contracts';
import { Actor, CurrentActor } from '@app/identity';
import { NoticeService } from './notice.service';

@ApiTags('live')
@ApiBearerAuth()
@Controller('notices')
export class NoticeController {
  constructor(private readonly notices: NoticeService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<NoticeList> {
    return this.notices.list(actor);
  }

  @Post('read-all')
  @HttpCode(204)
  readAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.notices.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(204)
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.notices.markRead(actor, id);
  }
}
