export * from './live.module';
export * from './live-session/live-session.entity';
export * from './live-session/live-attendance.entity';
export * from './live-session/live-session.service';
export * from './live-session/live-session.state';
export * from './room/room-token.service';
export * from './room/live-room.service';
export * from './room/live-chat-message.entity';
