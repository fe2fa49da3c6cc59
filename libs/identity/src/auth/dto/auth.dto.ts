import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Locale, Locales, RefreshRequest, Role, Roles, SignInRequest, SignUpRequest } from '@app/contracts';

export class SignUpDto implements SignUpRequest {
  @ApiProperty({ example: '13800138000', description: 'mobile number or e-mail' })
  @IsString()
  @Length(3, 254)
  identifier: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;

  @ApiProperty({ example: '李娜', maxLength: 40 })
  @IsString()
  @Length(1, 40)
  displayName: string;

  @ApiPropertyOptional({ enum: Roles, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(Roles, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ enum: Locales })
  @IsOptional()
  @IsIn(Locales)
  locale?: Locale;
}

export class SignInDto implements SignInRequest {
  @ApiProperty()
  @IsString()
  @Length(3, 254)
  identifier: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  refreshToken: string;
}

export class SignOutDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(10, 200)
  refreshToken?: string;
}
