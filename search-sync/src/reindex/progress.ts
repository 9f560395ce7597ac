// A progress bar on stderr (stdout stays clean for the summary), redrawn at most every 200 ms.
export class ProgressBar {
  private done = 0;
  private last = 0;
  private readonly started = Date.now();
  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream | null = process.stderr,
  ) {}

  tick(n: number): void {
    this.done += n;
    const now = Date.now();
    if (now - this.last < 200 && this.done < this.total) return;
    this.last = now;
    if (!this.out) return;
    const width = 30;
    const ratio = this.total ? Math.min(1, this.done / this.total) : 1;
    const filled = Math.round(ratio * width);
    const rate = this.done / Math.max(0.001, (now - this.started) / 1000);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} (${(ratio * 100).toFixed(0)}%) ${rate.toFixed(0)}/s`;
    this.out.write(this.out.isTTY ? `\r${line}` : `${line}\n`);
  }

  finish(): void {
    if (this.out?.isTTY) this.out.write('\n');
  }
}
