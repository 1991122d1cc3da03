/**
 * Runs dated events in time order with the emulator's clock set to each event's moment, so that every
 * record's create_date/write_date and every business date (date_order, date_done, invoice_date,
 * payment date) is what it would have been had the history happened live.
 */
import { OdooException } from '../orm/exceptions.js';

export interface DemoEvent {
  at: number;
  seq: number;
  run: () => void;
}

export function formatTs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export class Timeline {
  private readonly events: DemoEvent[] = [];
  private seq = 0;
  /** Events a business rule refused (e.g. nothing left to deliver); they are skipped, as a user would. */
  refused = 0;

  constructor(private readonly until: number) {}

  add(at: number, run: () => void): void {
    if (at < this.until) this.events.push({ at, seq: this.seq++, run });
  }

  /** Runs every event in time order (ties in the order they were added). */
  run(setNow: (ts: string) => void): void {
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const event of this.events) {
      setNow(formatTs(event.at));
      try {
        event.run();
      } catch (error) {
        if (!(error instanceof OdooException)) throw error;
        this.refused += 1;
      }
    }
    this.events.length = 0;
  }
}
