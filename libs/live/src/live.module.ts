import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommerceModule } from '@app/commerce';
import { IdentityModule, InternalGuard } from '@app/identity';
import { FollowController } from './follow/follow.controller';
import { FollowService } from './follow/follow.service';
import { ShopFollow } from './follow/shop-follow.entity';
import { LiveAttendance } from './live-session/live-attendance.entity';
import { InternalLiveController, LiveSessionController } from './live-session/live-session.controller';
import { LiveSession } from './live-session/live-session.entity';
import { LiveSessionService } from './live-session/live-session.service';
import { ReplayService } from './live-session/replay.service';
import { NoticeController } from './notice/notice.controller';
import { Notice } from './notice/notice.entity';
import { NoticeService } from './notice/notice.service';
import { RoomTokenService } from './room/room-token.service';
import { LiveRoomService } from './room/live-room.service';
import { LiveChatMessage } from './room/live-chat-message.entity';
import { LivePin } from './selling/live-pin.entity';
import { ReplaySweeper } from './live-session/replay-sweeper.service';
import { LiveSalesService } from './selling/live-sales.service';
import { LiveSellingController } from './selling/live-selling.controller';
import { LiveSellingService } from './selling/live-selling.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LiveSession, LiveAttendance, LiveChatMessage, LivePin, ShopFollow, Notice]),
    IdentityModule,
    CommerceModule,
  ],
  controllers: [
    LiveSessionController,
    InternalLiveController,
    LiveSellingController,
    FollowController,
    NoticeController,
  ],
  providers: [
    LiveSessionService,
    ReplayService,
    ReplaySweeper,
    RoomTokenService,
    LiveRoomService,
    InternalGuard,
    LiveSellingService,
    LiveSalesService,
    FollowService,
    NoticeService,
  ],
  exports: [LiveSessionService, RoomTokenService, LiveRoomService, LiveSellingService, LiveSalesService],
})
export class LiveModule {}
