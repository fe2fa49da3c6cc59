import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, MediaAppConfig } from '@app/config';
import { HealthController } from './health/health.controller';
import { InternalRoomController } from './internal/internal-room.controller';
import { InternalSecretGuard } from './internal/internal-secret.guard';
import { RecordingService } from './recording/recording.service';
import { RoomReportingService } from './reporting/room-reporting.service';
import { MediaGateway } from './signaling/media.gateway';
import { DEFAULT_MEDIA_LIMITS, MEDIA_LIMITS, MediaLimits } from './sfu/media-limits';
import { SfuService } from './sfu/sfu.service';

/**
 * The media server: the SFU provider, its signaling gateway, /health, the room reporting and
 * recording that talk to the api's internal routes, and the one route the api calls back
 * (`/internal/rooms/:id/session-changed`). No database here.
 */
@Module({})
export class MediaModule {
  static forRoot(config: MediaAppConfig, limits: Partial<MediaLimits> = {}): DynamicModule {
    const merged: MediaLimits = {
      ...DEFAULT_MEDIA_LIMITS,
      pipeThreshold: config.media.pipeThreshold,
      ...limits,
    };
    return {
      module: MediaModule,
      imports: [ConfigModule.forMedia(config)],
      controllers: [HealthController, InternalRoomController],
      providers: [
        { provide: MEDIA_LIMITS, useValue: merged },
        SfuService,
        MediaGateway,
        RoomReportingService,
        RecordingService,
        InternalSecretGuard,
      ],
    };
  }
}
