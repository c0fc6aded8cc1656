import { Writable } from 'node:stream';
import { markerForms } from './hostile';

/** A pino destination that keeps the lines written to it, to look for personal data in them. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  private checked = 0;

  constructor() {
    super({
      write: (chunk: Buffer, _encoding, callback) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line) this.lines.push(line);
        callback();
      },
    });
  }

  /** Lines written since the last call that hold one of the fuzzer's personal data markers. */
  newLeaks(): string[] {
    const forms = markerForms();
    const fresh = this.lines.slice(this.checked);
    this.checked = this.lines.length;
    return fresh.filter((line) => forms.some((f) => line.includes(f)));
  }

  /** Lines since the last call that report a server error (logged at error level). */
  errorsSince(from: number): string[] {
    return this.lines.slice(from).filter((line) => /"level":(50|60)/.test(line));
  }
}
