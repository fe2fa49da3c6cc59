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

export const MAX_ORDER_LINES = 20;

export class PlaceOrderDto implements PlaceOrderRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  items: OrderLineDto[];

  @IsUUID()
  addressId: string;

  @IsIn(PaymentMethods)
  paymentMethod: PaymentMethod;

  /**
   * The flash-sale hot path (see the api's validation pipe): the instance when the decorators above
   * would certainly accept `value`, else `undefined` and class-validator decides. Keep the two in
   * step; order.dto.spec.ts checks them against each other.
   */
  static fastParse(value: unknown): PlaceOrderDto | undefined {
    if (!hasExactly(value, 3) || !Array.isArray(value.items) || !isUuid(value.addressId)) return undefined;
    const { items, addressId, paymentMethod } = value;
    if (!PaymentMethods.includes(paymentMethod as PaymentMethod)) return undefined;
    if (items.length < 1 || items.length > MAX_ORDER_LINES) return undefined;
    const lines: OrderLineDto[] = [];
    for (const i of items as unknown[]) {
      if (!hasExactly(i, 2) || !isUuid(i.variantId) || !isQuantity(i.quantity)) return undefined;
      lines.push(Object.assign(new OrderLineDto(), { variantId: i.variantId, quantity: i.quantity }));
    }
    return Object.assign(new PlaceOrderDto(), { items: lines, addressId, paymentMethod });
  }
}

/** class-validator's `@IsUUID()` ("all" versions), minus the nil and max UUIDs (left to it). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isQuantity = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_LINE_QUANTITY;

/** A plain JSON object with exactly `n` own keys (callers then read the ones they expect). */
function hasExactly(v: unknown, n: number): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.getPrototypeOf(v) === Object.prototype &&
    Object.keys(v).length === n
  );
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

  /** As `PlaceOrderDto.fastParse`: the instance when the decorators above would certainly accept `value`. */
  static fastParse(value: unknown): FlashSaleOrderDto | undefined {
    if (!hasExactly(value, 3) || !isQuantity(value.quantity) || !isUuid(value.addressId)) return undefined;
    const { quantity, addressId, paymentMethod } = value;
    if (!PaymentMethods.includes(paymentMethod as PaymentMethod)) return undefined;
    return Object.assign(new FlashSaleOrderDto(), { quantity, addressId, paymentMethod });
  }
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
