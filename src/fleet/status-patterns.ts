import { compilePattern } from '../config/pattern.js';
import type { BackendConfig } from '../config/types.js';
import type { StatusPatterns } from '../session/status.js';

/** Compile a backend's pattern strings (validated by the config loader) for the session. */
export function compileStatusPatterns(backend: BackendConfig | undefined): StatusPatterns {
  const re = (src: string | undefined) => (src ? compilePattern(src) : undefined);
  return {
    active: re(backend?.active_re),
    idle: re(backend?.idle_re),
    ask: re(backend?.ask_re),
    limit: re(backend?.limit_re),
    fatal: re(backend?.fatal_re),
    footerUi: backend?.footer_ui ?? false,
    footerRows: backend?.footer_rows ?? 10,
  };
}
