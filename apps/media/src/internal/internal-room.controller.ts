import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { RecordingService } from '../recording/recording.service';
import { InternalSecretGuard } from './internal-secret.guard';

/** api → media. Not for browsers: guarded by the shared internal secret. */
@UseGuards(InternalSecretGuard)
@Controller('internal/rooms')
export class InternalRoomController {
  constructor(private readonly recording: RecordingService) {}

  /** A live session went live or ended; the body is empty (the recorder asks the api for the state). */
  @Post(':id/session-changed')
  @HttpCode(204)
  sessionChanged(@Param('id', ParseUUIDPipe) id: string): void {
    this.recording.sessionChanged(id);
  }
}
