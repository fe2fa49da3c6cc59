import { ErrorCode } from '@app/contracts';

/** The one place a domain error code becomes an HTTP status. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_JSON':
    case 'MEDIA_BAD_PARAMETERS':
    case 'UPLOAD_TYPE_NOT_ALLOWED':
    case 'UPLOAD_CONTENT_MISMATCH':
    case 'ENROLLMENT_IMPORT_REJECTED':
    case 'QUIZ_ANSWER_FOREIGN':
    case 'PAYMENT_METHOD_NOT_ALLOWED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'AUTH_INVALID_CREDENTIALS':
    case 'AUTH_TOKEN_INVALID':
    case 'AUTH_TOKEN_EXPIRED':
    case 'AUTH_REFRESH_REUSED':
    case 'AUTH_SESSION_REVOKED':
    case 'ROOM_TOKEN_INVALID':
    case 'PAYMENT_SIGNATURE_INVALID':
      return 401;
    case 'FORBIDDEN':
    case 'ROLE_GRANT_FORBIDDEN':
    case 'MEDIA_NOT_ALLOWED':
    case 'STAGE_NOT_ELIGIBLE':
    case 'NOT_ENROLLED':
      return 403;
    case 'NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
    case 'UPLOAD_NOT_FOUND':
    case 'ROOM_NOT_FOUND':
    case 'CERTIFICATE_NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'AUTH_IDENTIFIER_TAKEN':
    case 'SESSION_STATE_INVALID':
    case 'ROOM_CLOSED':
    case 'PREREQUISITE_NOT_MET':
    case 'ATTEMPTS_EXHAUSTED':
    case 'SHOP_NOT_OPEN':
    case 'OUT_OF_STOCK':
    case 'PURCHASE_LIMIT_EXCEEDED':
    case 'FLASH_SALE_NOT_ACTIVE':
    case 'ORDER_STATE_INVALID':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'ALREADY_REVIEWED':
      return 409;
    case 'RANGE_NOT_SATISFIABLE':
      return 416;
    case 'PAYLOAD_TOO_LARGE':
    case 'UPLOAD_TOO_LARGE':
      return 413;
    case 'MEDIA_LIMIT_REACHED':
    case 'RATE_LIMITED':
      return 429;
    case 'STORAGE_UNAVAILABLE':
    case 'MEDIA_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}
