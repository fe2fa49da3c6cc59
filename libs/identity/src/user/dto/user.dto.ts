import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { GrantRolesRequest, Role, Roles } from '@app/contracts';

export class GrantRolesDto implements GrantRolesRequest {
  @ApiProperty({ enum: Roles, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(Roles, { each: true })
  roles: Role[];
}
