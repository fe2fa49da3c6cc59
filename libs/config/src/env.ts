/**
 * Tiny, dependency-free environment reader. Every problem is collected so that one start-up
 * names every wrong variable at once.
 */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  string(name: string, fallback?: string, opts: { minLength?: number } = {}): string {
    const v = this.raw(name) ?? fallback;
    if (v === undefined) {
      this.problems.push(`${name} is required but not set`);
      return '';
    }
    if (opts.minLength !== undefined && v.length < opts.minLength) {
      this.problems.push(`${name} must be at least ${opts.minLength} characters long`);
    }
    return v;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number | undefined, opts: { min?: number; max?: number } = {}): number {
    const v = this.raw(name);
    if (v === undefined) {
      if (fallback === undefined) this.problems.push(`${name} is required but not set`);
      return fallback ?? 0;
    }
    if (!/^-?\d+$/.test(v)) {
      this.problems.push(`${name} must be an integer, got "${v}"`);
      return fallback ?? 0;
    }
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min)
      this.problems.push(`${name} must be >= ${opts.min}, got ${n}`);
    if (opts.max !== undefined && n > opts.max)
      this.problems.push(`${name} must be <= ${opts.max}, got ${n}`);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    this.problems.push(`${name} must be a boolean (true/false), got "${v}"`);
    return fallback;
  }

  url(name: string, fallback: string | undefined, protocols: string[]): string {
    const v = this.raw(name) ?? fallback;
    if (v === undefined) {
      this.problems.push(`${name} is required but not set`);
      return '';
    }
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol.replace(/:$/, ''))) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${u.protocol}"`);
      }
    } catch {
      this.problems.push(`${name} must be a URL, got "${v}"`);
    }
    return v;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.raw(name) ?? fallback;
    if (!allowed.includes(v as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  }

  list(name: string, fallback: string[]): string[] {
    const v = this.raw(name);
    return v === undefined
      ? fallback
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  }

  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
