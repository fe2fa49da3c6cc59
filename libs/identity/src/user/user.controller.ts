import { Body, Controller, Delete, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@app/contracts';
import { IsIn } from 'class-validator';
import { Role, Roles } from '@app/contracts';
import { CurrentActor } from '../guards/decorators';
import { Actor } from '../auth/token.service';
import { GrantRolesDto } from './dto/user.dto';
import { UserService } from './user.service';

class RoleParam {
  @IsIn(Roles)
  role: Role;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post(':id/roles')
  grant(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GrantRolesDto,
  ): Promise<UserView> {
    return this.users.grantRoles(actor, id, dto.roles);
  }

  @Delete(':id/roles/:role')
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param() p: RoleParam,
  ): Promise<UserView> {
    return this.users.revokeRole(actor, id, p.role);
  }
}
