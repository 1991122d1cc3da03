import { PyValueError } from './orm/exceptions.js';

const FORMAT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;

/** Formats a Date as Odoo's datetime: `YYYY-MM-DD HH:MM:SS`, UTC, no zone marker. */
export function odooDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The emulator's clock: real time, or frozen at a moment the demo seeder or a test chooses. */
export class Clock {
  private frozen: string | null = null;

  now(): string {
    return this.frozen ?? odooDatetime(new Date());
  }

  get isFrozen(): boolean {
    return this.frozen !== null;
  }

  /** Freezes the clock at `ts` (`YYYY-MM-DD HH:MM:SS` UTC, or ISO with `Z`), or lets it run again with `null`. */
  set(ts: string | null): void {
    if (ts === null) {
      this.frozen = null;
      return;
    }
    if (FORMAT.test(ts)) {
      this.frozen = ts.replace('T', ' ');
      return;
    }
    const parsed = new Date(ts);
    if (Number.isNaN(parsed.getTime())) throw new PyValueError(`Invalid datetime for the clock: ${ts}`);
    this.frozen = odooDatetime(parsed);
  }
}
