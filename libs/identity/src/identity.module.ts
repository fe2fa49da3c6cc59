import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { TokenService } from './auth/token.service';
import { AuthGuard } from './guards/auth.guard';
import { RateLimitBucket } from './rate-limit/rate-limit-bucket.entity';
import { RateLimiter } from './rate-limit/rate-limiter.service';
import { RefreshSession } from './session/refresh-session.entity';
import { UserController } from './user/user.controller';
import { UserRole } from './user/user-role.entity';
import { User } from './user/user.entity';
import { UserService } from './user/user.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserRole, RefreshSession, RateLimitBucket])],
  controllers: [AuthController, UserController],
  providers: [
    AuthService,
    TokenService,
    UserService,
    RateLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, UserService, RateLimiter],
})
export class IdentityModule {}
