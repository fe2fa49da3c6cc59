import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AddressRequest,
  CreateFlashSaleRequest,
  FlashSaleOrderRequest,
  OrderLineRequest,
  PaymentMethod,
  PaymentMethods,
  PlaceOrderRequest,
  ReasonRequest,
  ReviewRequest,
  ShipOrderRequest,
} from '@app/contracts';
import { MAX_PRICE_MINOR, MAX_STOCK } from './shop.dto';

export const MAX_LINE_QUANTITY = 99;

export class AddressDto implements AddressRequest {
  @IsString()
  @Length(1, 40)
  recipient: string;

  @Matches(/^\+?[0-9][0-9 -]{5,18}$/, { message: 'phone must be a phone number' })
  phone: string;

  @IsString()
  @Length(1, 60)
  region: string;

  @IsString()
  @Length(1, 200)
  detail: string;
}

export class OrderLineDto implements OrderLineRequest {
  @IsUUID()
  variantId: string;

  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export class PlaceOrderDto implements PlaceOrderRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  items: OrderLineDto[];

  @IsUUID()
  addressId: string;

  @IsIn(PaymentMethods)
  paymentMethod: PaymentMethod;
}

export class FlashSaleOrderDto implements FlashSaleOrderRequest {
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;

  @IsUUID()
  addressId: string;

  @IsIn(PaymentMethods)
  paymentMethod: PaymentMethod;
}

export class ShipOrderDto implements ShipOrderRequest {
  @IsString()
  @Length(1, 40)
  carrier: string;

  @Matches(/^[A-Za-z0-9-]{4,60}$/, { message: 'trackingNumber must be 4-60 letters, digits or dashes' })
  trackingNumber: string;
}

export class ReasonDto implements ReasonRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

export class ReviewDto implements ReviewRequest {
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @IsString()
  @Length(1, 1000)
  text: string;
}

export class CreateFlashSaleDto implements CreateFlashSaleRequest {
  @IsUUID()
  variantId: string;

  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_MINOR)
  priceMinor: number;

  @IsInt()
  @Min(1)
  @Max(MAX_STOCK)
  quantity: number;

  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  perBuyerLimit: number;

  @IsISO8601({ strict: true })
  startsAt: string;

  @IsISO8601({ strict: true })
  endsAt: string;

  @IsOptional()
  @IsUUID()
  liveSessionId?: string;
}

/** `Idempotency-Key`: what a client retries with; 8-64 URL-safe characters (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
