import { pino, type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation.js';
import { currentTraceIds } from './observability/spans.js';

export type { Logger };

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Component name carried on every line (`gateway`, `odoo-connector`, ...). */
  name: string;
  /** Minimum level. Default: `LOG_LEVEL` from the environment, else `info` (`silent` under jest). */
  level?: string;
  /** Where lines go. Default: standard output. */
  destination?: DestinationStream;
}

/**
 * A structured JSON logger whose every line carries the correlation id of the work in progress (and,
 * when tracing is on, `trace_id` and `span_id`), so one request can be followed from the gateway to
 * each connector call.
 */
export function createLogger(options: LoggerOptions): Logger {
  const fallback = process.env.JEST_WORKER_ID ? 'silent' : 'info';
  return pino(
    {
      name: options.name,
      level: options.level ?? process.env.LOG_LEVEL ?? fallback,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The correlation id always; the trace and span ids too while a span is recording (tracing on).
      mixin: () => {
        const correlationId = currentCorrelationId();
        return { ...(correlationId ? { correlationId } : {}), ...currentTraceIds() };
      },
    },
    options.destination ?? pino.destination(1),
  );
}
