import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { FollowShopRequest, PinProductRequest, StartLiveFlashSaleRequest } from '@app/contracts';

export class PinProductDto implements PinProductRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;
}

export class StartLiveFlashSaleDto implements StartLiveFlashSaleRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  variantId: string;

  @ApiProperty({ description: 'minor units (fen)' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  priceMinor: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(100)
  perBuyerLimit: number;

  @ApiProperty({ minimum: 10, maximum: 7200 })
  @IsInt()
  @Min(10)
  @Max(7200)
  durationSeconds: number;
}

export class FollowShopDto implements FollowShopRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  remind?: boolean;
}
