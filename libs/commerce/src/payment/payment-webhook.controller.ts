import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '@app/contracts';
import { Public } from '@app/identity';
import { PaymentService, WebhookOutcome } from './payment.service';

/** Mounted by bootstrap in front of the JSON parser, so the signature is checked over the exact bytes. */
export const PAYMENT_WEBHOOK_PATH = '/api/payments/webhook';

@ApiTags('commerce')
@Controller('payments/webhook')
export class PaymentWebhookController {
  constructor(private readonly payments: PaymentService) {}

  @Post(':provider')
  @Public()
  @HttpCode(200)
  receive(
    @Param('provider') provider: string,
    @Req() req: Request,
    @Headers('x-signature') signature: string | undefined,
  ): Promise<WebhookOutcome> {
    if (!Buffer.isBuffer(req.body))
      throw new DomainError('VALIDATION_FAILED', 'The webhook needs the raw request body.');
    return this.payments.webhook(provider, req.body, signature);
  }
}
