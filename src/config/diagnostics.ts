/**
 * What the config loader reports: one Diagnostic per problem, each naming the file (or the
 * --set / environment override it came from), the line, and the key.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line?: number;
  col?: number;
  key?: string;
  message: string;
  severity: Severity;
}

/** A key path inside the parsed document: table keys and array indexes, e.g. ['agent', 2, 'model']. */
export type KeyPath = readonly (string | number)[];

/**
 * A problem found before it is placed in the source: validation works on the parsed document
 * and knows paths, the loader turns them into file:line.
 */
export interface Finding {
  path: KeyPath;
  message: string;
  severity: Severity;
}

/**
 * `agents.toml:12: message` — the column is printed only for diagnostics without a key (TOML
 * syntax errors), where it points into a line the reader cannot otherwise place; key
 * diagnostics keep their column in the data for editors.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) {
    where += `:${d.line}`;
    if (d.col !== undefined && d.key === undefined) where += `:${d.col}`;
  }
  return `${where}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/** Errors first, each group in source order; identical lines (a default shared by many agents) once. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    const text = formatDiagnostic(d);
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push(text);
  }
  return lines.join('\n');
}

function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

/** Thrown by loadConfig with every error it found (and the warnings, for context). */
export class ConfigError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = 'ConfigError';
    this.diagnostics = sortDiagnostics(diagnostics);
  }
}
