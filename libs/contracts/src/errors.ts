/**
 * Stable error codes shared by the api, the media server and the browser client. A code never
 * changes meaning once shipped; add new ones instead.
 */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'CONFLICT',
  'INTERNAL',
  // identity
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_IDENTIFIER_TAKEN',
  'AUTH_TOKEN_INVALID',
  'AUTH_TOKEN_EXPIRED',
  'AUTH_REFRESH_REUSED',
  'AUTH_SESSION_REVOKED',
  'ROLE_GRANT_FORBIDDEN',
  // storage
  'UPLOAD_TYPE_NOT_ALLOWED',
  'UPLOAD_TOO_LARGE',
  'UPLOAD_CONTENT_MISMATCH',
  'UPLOAD_NOT_FOUND',
  'STORAGE_UNAVAILABLE',
  // media / live
  'ROOM_TOKEN_INVALID',
  'ROOM_NOT_FOUND',
  'ROOM_CLOSED',
  'MEDIA_NOT_ALLOWED',
  'MEDIA_BAD_PARAMETERS',
  'MEDIA_LIMIT_REACHED',
  'MEDIA_UNAVAILABLE',
  'STAGE_NOT_ELIGIBLE',
  'SESSION_STATE_INVALID',
  // learning
  'ENROLLMENT_IMPORT_REJECTED',
  'NOT_ENROLLED',
  'PREREQUISITE_NOT_MET',
  'QUIZ_ANSWER_FOREIGN',
  'ATTEMPTS_EXHAUSTED',
  'CERTIFICATE_NOT_FOUND',
  'RANGE_NOT_SATISFIABLE',
  // commerce
  'SHOP_NOT_OPEN',
  'OUT_OF_STOCK',
  'PURCHASE_LIMIT_EXCEEDED',
  'FLASH_SALE_NOT_ACTIVE',
  'ORDER_STATE_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYMENT_METHOD_NOT_ALLOWED',
  'PAYMENT_SIGNATURE_INVALID',
  'ALREADY_REVIEWED',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

export interface ErrorFieldDetail {
  /** dotted path of the offending field, e.g. `items.0.quantity` */
  field: string;
  /** machine-readable reason, e.g. `isInt`, `maxLength`, `unknownField` */
  reason: string;
  message: string;
}

/** The one error shape every HTTP response and socket acknowledgement uses. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorFieldDetail[];
}

/** Socket acknowledgements: either `{ ok: true, data }` or `{ ok: false, error }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Faults worth a stack in the log; every other code is a refusal, an answer the user gets. */
const FAULTS: readonly ErrorCode[] = ['INTERNAL', 'STORAGE_UNAVAILABLE', 'MEDIA_UNAVAILABLE'];
const errorClass = Error as { stackTraceLimit?: number };
/** Error.stackTraceLimit while a refusal is built (V8; elsewhere a harmless property). */
let savedStackLimit: { limit: number | undefined } | null = null;
function stacklessFor(code: ErrorCode, message: string): string {
  if (!FAULTS.includes(code)) {
    savedStackLimit = { limit: errorClass.stackTraceLimit };
    errorClass.stackTraceLimit = 0;
  }
  return message;
}

/**
 * Thrown by domain code. Knows nothing of HTTP or sockets: filters map the code to a status or an
 * acknowledgement.
 */
export class DomainError extends Error {
  /**
   * A refusal is an answer, not a fault: no stack is captured for it (faults keep theirs). During
   * a flash sale most buyers are refused (sold out, over the limit), and capturing the stack through
   * the framework's frames was 7 % of the api's CPU when refusing.
   */
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: ErrorFieldDetail[],
  ) {
    super(stacklessFor(code, message));
    if (savedStackLimit) {
      errorClass.stackTraceLimit = savedStackLimit.limit;
      savedStackLimit = null;
    }
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
