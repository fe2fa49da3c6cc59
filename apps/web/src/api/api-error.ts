import type { ErrorCode, ErrorFieldDetail } from '@app/contracts';
import type { ClientErrorCode } from '../i18n/translate';

/**
 * Every failed call rejects with this. `code` is the api's stable code, or a client-side one when
 * the api was never reached (`NETWORK_ERROR`) or answered with something that is not our error
 * shape (`BAD_RESPONSE`). A newer api may send a code this build does not know yet; the UI then
 * falls back to `message`.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when there was no response */
    public readonly status: number,
    public readonly code: ErrorCode | ClientErrorCode,
    message: string,
    public readonly details: readonly ErrorFieldDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Details grouped by top-level field, e.g. `{ password: [...] }`, for showing next to inputs. */
  fieldDetails(): Record<string, ErrorFieldDetail[]> {
    const byField: Record<string, ErrorFieldDetail[]> = {};
    for (const d of this.details) {
      const field = d.field.split('.')[0] ?? d.field;
      (byField[field] ??= []).push(d);
    }
    return byField;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
