import { ArgumentsHost, Catch, ExceptionFilter, Logger, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorBody } from '@app/contracts';
import { flattenValidationErrors } from '../errors/validation';

/** Socket edge: the same error codes as HTTP, answered through the acknowledgement. */
@Catch()
export class WsAckErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgs().find((a: unknown) => typeof a === 'function') as
      ((r: unknown) => void) | undefined;
    let error: ErrorBody;
    if (exception instanceof DomainError) error = exception.toBody();
    else {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      error = { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' };
    }
    ack?.({ ok: false, error });
  }
}

export function wsValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new DomainError(
        'VALIDATION_FAILED',
        details[0] ? `${details[0].field}: ${details[0].message}` : 'Invalid message.',
        details,
      );
    },
  });
}
