/** What `/web/version` and `common.version()` report for Odoo 19.0 (odoo/release.py, odoo/service/common.py). */
export const VERSION_INFO = [19, 0, 0, 'final', 0, ''] as const;

export const WEB_VERSION = { version_info: VERSION_INFO, version: '19.0' };

export const COMMON_VERSION = {
  server_version: '19.0',
  server_version_info: VERSION_INFO,
  server_serie: '19.0',
  protocol_version: 1,
};
