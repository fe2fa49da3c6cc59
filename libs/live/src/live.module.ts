import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InternalGuard } from '@app/identity';
import { LiveAttendance } from './live-session/live-attendance.entity';
import { InternalLiveController, LiveSessionController } from './live-session/live-session.controller';
import { LiveSession } from './live-session/live-session.entity';
import { LiveSessionService } from './live-session/live-session.service';
import { ReplayService } from './live-session/replay.service';
import { RoomTokenService } from './room/room-token.service';
import { LiveRoomService } from './room/live-room.service';
import { LiveChatMessage } from './room/live-chat-message.entity';
import { IdentityModule } from '@app/identity';

@Module({
  imports: [TypeOrmModule.forFeature([LiveSession, LiveAttendance, LiveChatMessage]), IdentityModule],
  controllers: [LiveSessionController, InternalLiveController],
  providers: [LiveSessionService, ReplayService, RoomTokenService, LiveRoomService, InternalGuard],
  exports: [LiveSessionService, RoomTokenService, LiveRoomService],
})
export class LiveModule {}
