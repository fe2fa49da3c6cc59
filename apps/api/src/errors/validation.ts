import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** HTTP input edge: unknown fields, wrong types and bounds all answer VALIDATION_FAILED with details. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
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
