import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FollowView, LiveSessionView } from '@app/contracts';
import { Actor, CurrentActor, OptionalActor, Public } from '@app/identity';
import { FollowShopDto } from '../selling/dto/live-selling.dto';
import { FollowService } from './follow.service';

@ApiTags('live')
@ApiBearerAuth()
@Controller('shops/:id')
export class FollowController {
  constructor(private readonly follows: FollowService) {}

  @Public()
  @Get('follow')
  status(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string): Promise<FollowView> {
    return this.follows.status(actor, id);
  }

  @Post('follow')
  @HttpCode(200)
  follow(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FollowShopDto,
  ): Promise<FollowView> {
    return this.follows.follow(actor, id, dto.remind);
  }

  @Delete('follow')
  unfollow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FollowView> {
    return this.follows.unfollow(actor, id);
  }

  /** The shop's sale sessions to come and live now. */
  @Public()
  @Get('live-sessions')
  sales(@Param('id', ParseUUIDPipe) id: string): Promise<LiveSessionView[]> {
    return this.follows.upcomingSales(id);
  }
}
