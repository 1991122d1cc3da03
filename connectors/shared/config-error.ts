/** Invalid connector configuration, found at boot; lists every problem at once, each naming its variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly issues: readonly string[];

  constructor(component: string, issues: readonly string[]) {
    super(`Invalid ${component} configuration:\n- ${issues.join('\n- ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
