import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorFieldDetail } from '@app/contracts';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorFieldDetail[] {
  const out: ErrorFieldDetail[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [reason, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, reason: reason === 'whitelistValidation' ? 'unknownField' : reason, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * A body DTO of a hot route may offer `static fastParse(value): Dto | undefined`: a precompiled
 * check that returns the instance only when class-validator would certainly accept the value
 * (same fields, types, bounds, nested instances), and `undefined` otherwise. An input it does not
 * return goes through class-validator as before, which decides and words every refusal, so errors
 * stay exactly the same; a valid order no longer pays for class-transformer and class-validator's
 * metadata walk, 8 % of the api's CPU under a flash sale.
 */
export interface FastParsed<T> {
  fastParse(value: unknown): T | undefined;
}

class HotPathValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fast = metadata.type === 'body' && (metadata.metatype as Partial<FastParsed<unknown>> | undefined);
    const parsed = fast && typeof fast.fastParse === 'function' ? fast.fastParse(value) : undefined;
    return parsed !== undefined ? parsed : super.transform(value, metadata);
  }
}

/** HTTP input edge: unknown fields, wrong types and bounds all answer VALIDATION_FAILED with details. */
export function validationPipe(): ValidationPipe {
  return new HotPathValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new DomainError(
        'VALIDATION_FAILED',
        details[0] ? `${details[0].field}: ${details[0].message}` : 'Invalid input.',
        details,
      );
    },
  });
}
