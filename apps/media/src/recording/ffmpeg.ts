import { ChildProcess, execFile, spawn } from 'node:child_process';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One ffmpeg child process. `stop()` asks it to finish (SIGINT: ffmpeg writes the WebM trailer,
 * so the file has its duration and cues) and kills it if it does not within the grace period.
 * Keeps the last lines of its stderr for the logs.
 */
export class FfmpegProcess {
  readonly exited: Promise<FfmpegExit>;
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private exit: FfmpegExit | undefined;

  constructor(args: string[], bin = 'ffmpeg') {
    this.child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      for (const line of chunk.split(/\r?\n/)) if (line.trim()) this.tail.push(line);
      this.tail.splice(0, Math.max(0, this.tail.length - 20));
    });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.tail.push(String(error));
        this.exit = { code: -1, signal: null };
        resolve(this.exit);
      });
      this.child.once('exit', (code, signal) => {
        this.exit ??= { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  get stderrTail(): string {
    return this.tail.join('\n');
  }

  /**
   * Idempotent; resolves once the process is gone. SIGINT makes ffmpeg finish between packets; a
   * caller whose RTP has stopped first ends the input (RTCP BYE, see RecordingSession), or ffmpeg
   * would sit in a blocking read until killed.
   */
  async stop(graceMs = 5000): Promise<FfmpegExit> {
    if (!this.running) return this.exited;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.kill(), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Immediate and synchronous (process exit, shutdown deadline). */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

/** The container duration ffprobe reads, in ms. */
export async function probeDurationMs(file: string, bin = 'ffprobe'): Promise<number> {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      bin,
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=noprint_wrappers=1:nokey=1', file],
      { timeout: 30_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  const seconds = Number.parseFloat(out.trim());
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`ffprobe found no duration in ${file}: "${out.trim()}"`);
  return Math.round(seconds * 1000);
}

/** Resolves when `check` holds, rejects after timeoutMs or as soon as `abort` says why. */
export async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  abort: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = abort();
    if (reason) throw new Error(reason);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
