import { Logger as HiveLogger, type LogLevel, type LogWriter } from '@graphql-hive/gateway-runtime';
import type { Logger } from '../platform/logger.js';

type Attributes = Parameters<LogWriter['write']>[1];

/** Sends Hive's own log lines to our pino logger, so they are JSON lines with the correlation id too. */
class PinoLogWriter implements LogWriter {
  constructor(private readonly logger: Logger) {}

  write(level: LogLevel, attrs: Attributes, msg: string | null | undefined): void {
    const fields: Record<string, unknown> = Array.isArray(attrs) ? { attrs } : { ...(attrs as object) };
    this.logger[level](fields, msg ?? '');
  }
}

/** A Hive logger that writes through `logger`, at `logger`'s level. */
export function hiveLoggerFor(logger: Logger): HiveLogger {
  const level = logger.level;
  const hiveLevel: LogLevel | false =
    level === 'silent' ? false : level === 'fatal' ? 'error' : (level as LogLevel);
  return new HiveLogger({
    level: hiveLevel,
    writers: [new PinoLogWriter(logger.child({ component: 'hive' }))],
  });
}
