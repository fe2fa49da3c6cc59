import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class RoomRef {
  @IsUUID()
  sessionId: string;
}

export class SendChatDto extends RoomRef {
  @IsString()
  @Length(1, 200)
  text: string;
}

export class LikeDto extends RoomRef {
  @IsInt()
  @Min(1)
  @Max(100)
  count: number;
}
