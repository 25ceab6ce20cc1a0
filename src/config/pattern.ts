/**
 * Backend patterns are written for Python's `re` and matched case-insensitively. JS has no
 * inline flag groups, so a leading `(?i)` — redundant here anyway — is stripped; any other
 * Python-only syntax is reported by validation as an invalid regular expression.
 */

const LEADING_CASE_FLAG = /^\(\?i\)/;

function patternSource(source: string): string {
  return source.replace(LEADING_CASE_FLAG, '');
}

/** How every consumer compiles a config pattern. Throws SyntaxError for a bad source. */
export function compilePattern(source: string, extraFlags = ''): RegExp {
  return new RegExp(patternSource(source), `i${extraFlags}`);
}
