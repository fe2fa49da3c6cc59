/**
 * The api's internal routes (`/api/internal/...`, header `x-internal-secret`): the media server's
 * only way to the domain. It never touches the database or storage credentials.
 */
export class InternalApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; undefined when no response came (refused, reset, timed out) */
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'InternalApiError';
  }

  /** Worth another try: no answer, a server error, or the api asking to slow down. */
  get retryable(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export class InternalApi {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * POSTs JSON; resolves the JSON answer (undefined for 204). Rejects with InternalApiError, also on
   * timeout or when `signal` aborts.
   */
  post<T = undefined>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.send<T>('POST', path, JSON.stringify(body), signal);
  }

  /** GETs JSON; rejects like `post`. */
  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, undefined, signal);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const url = this.resolve(path);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-internal-secret': this.secret,
        },
        body,
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
    } catch (error) {
      throw new InternalApiError(`${method} ${path}: ${describe(error)}`, undefined);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok)
      throw new InternalApiError(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`, res.status);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** An absolute URL as is; a path (`/s3/...` when storage is proxied by the api) on the api's origin. */
  resolve(pathOrUrl: string): string {
    return new URL(pathOrUrl, this.baseUrl).toString();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return error.message;
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
