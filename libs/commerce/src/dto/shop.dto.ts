import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CreateProductRequest,
  CreateShopRequest,
  CreateVariantRequest,
  ShopCategories,
  ProductSearchRequest,
  RejectShopRequest,
  SALES_DAILY_MAX_DAYS,
  ShopSalesDailyRequest,
  ShopCategory,
  ShopKind,
  ShopKinds,
  ShopStatus,
  ShopStatuses,
} from '@app/contracts';

/** 1,000,000 CNY in fen: far above any noodle, far below integer overflow of a total */
export const MAX_PRICE_MINOR = 100_000_000;
export const MAX_STOCK = 1_000_000;

export class CreateShopDto implements CreateShopRequest {
  @IsIn(ShopKinds)
  kind: ShopKind;

  @IsString()
  @Length(1, 60)
  name: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @IsIn(ShopCategories)
  category: ShopCategory;

  @IsString()
  @Length(1, 60)
  region: string;
}

export class CreateVariantDto implements CreateVariantRequest {
  @IsString()
  @Length(1, 40)
  label: string;

  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_MINOR)
  priceMinor: number;

  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock: number;
}

export class CreateProductDto implements CreateProductRequest {
  @IsString()
  @Length(1, 80)
  title: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @IsOptional()
  @IsIn(ShopCategories)
  category?: ShopCategory;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsUUID('4', { each: true })
  photoUploadIds?: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateVariantDto)
  variants: CreateVariantDto[];
}

export const MARKET_PAGE_MAX = 50;

export class ProductSearchQuery implements ProductSearchRequest {
  @IsOptional()
  @IsIn(ShopCategories)
  category?: ShopCategory;

  @IsOptional()
  @IsString()
  @Length(1, 60)
  q?: string;

  /** the id of the last product of the previous page (keyset paging: stable while products are added) */
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MARKET_PAGE_MAX)
  limit?: number;
}

export class ShopListQuery {
  @IsIn(ShopStatuses)
  status: ShopStatus;
}

export class RejectShopDto implements RejectShopRequest {
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must say something' })
  reason: string;
}

export class SalesDailyQuery implements ShopSalesDailyRequest {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SALES_DAILY_MAX_DAYS)
  days?: number;

  /** an IANA name (Area/City or UTC), not an offset like +08:00: days follow the zone's clock changes */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^(?:UTC|[A-Z][A-Za-z_-]+(?:\/[A-Za-z0-9_+-]+){1,2})$/, {
    message: 'tz must be an IANA time zone such as Asia/Shanghai',
  })
  @IsTimeZone({ message: 'tz must be an IANA time zone such as Asia/Shanghai' })
  tz?: string;
}
