import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthResponse, UserView } from '@app/contracts';
import { ClientMeta, CurrentActor, Public } from '../guards/decorators';
import { UserService } from '../user/user.service';
import { AuthService, ClientInfo } from './auth.service';
import { Actor } from './token.service';
import { RefreshDto, SignInDto, SignOutDto, SignUpDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
  ) {}

  @Public()
  @Post('sign-up')
  signUp(@Body() dto: SignUpDto, @ClientMeta() client: ClientInfo): Promise<AuthResponse> {
    return this.auth.signUp(dto, client);
  }

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() dto: SignInDto, @ClientMeta() client: ClientInfo): Promise<AuthResponse> {
    return this.auth.signIn(dto, client);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto, @ClientMeta() client: ClientInfo): Promise<AuthResponse> {
    return this.auth.refresh(dto.refreshToken, client);
  }

  @ApiBearerAuth()
  @Post('sign-out')
  @HttpCode(204)
  signOut(@CurrentActor() actor: Actor, @Body() dto: SignOutDto): Promise<void> {
    return this.auth.signOut(actor, dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.me(actor);
  }
}
