import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApiConfig, ConfigModule } from '@app/config';
import { CommerceModule } from '@app/commerce';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { LearningModule } from '@app/learning';
import { LiveModule } from '@app/live';
import { StorageModule, UploadModule } from '@app/storage';
import { HttpErrorFilter } from './errors/http-error.filter';
import { validationPipe } from './errors/validation';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { LiveRoomGateway } from './live-room/live-room.gateway';
import { LiveRoomNotifier } from './live-room/live-room.notifier';
import { LiveSellingNotifier } from './live-room/live-selling.notifier';
import { MediaRoomNotifier } from './live-room/media-room.notifier';

@Module({})
export class AppModule {
  static forRoot(cfg: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forApi(cfg),
        DatabaseModule.forRoot(cfg.database),
        StorageModule.forRoot(cfg.storage),
        IdentityModule,
        UploadModule,
        LiveModule,
        LearningModule,
        CommerceModule,
      ],
      controllers: [HealthController],
      providers: [
        HealthService,
        LiveRoomGateway,
        LiveRoomNotifier,
        LiveSellingNotifier,
        MediaRoomNotifier,
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: validationPipe },
      ],
    };
  }
}
