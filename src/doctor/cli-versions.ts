/**
 * What hangar relies on of each agent CLI, and the first version that has it, keyed by
 * backend name. Doctor checks an installed CLI against the entries whose word appears in the
 * arguments the backend's definition passes; a backend not listed here is only looked for on
 * PATH. Each entry says where the fact comes from: a CLI's own changelog where it has one.
 */
export interface VersionFact {
  /** the flag or subcommand, as it appears in the backend's arguments */
  word: string;
  /** the first version that has it (major.minor.patch) */
  since: string;
  source: string;
  /**
   * What an older version loses, when it still runs with the word (a variable it ignores): a
   * warning then, not a failure. Unset: an older version refuses the word and does not start.
   */
  degrades?: string;
}

export const CLI_VERSION_FACTS: Readonly<Record<string, readonly VersionFact[]>> = {
  claude: [
    { word: '--settings', since: '1.0.61', source: 'Claude Code CHANGELOG.md 1.0.61: "Added --settings flag to load settings from a JSON file"' },
    // plain --session-id is older than the changelog says; 2.0.73 is when it combines with
    // --resume/--fork-session, which hangar's resume and rewind use to fork under an id it chose
    { word: '--session-id', since: '2.0.73', source: 'Claude Code CHANGELOG.md 2.0.73: "custom session IDs when forking sessions with --session-id combined with --resume or --continue and --fork-session"' },
    { word: '--fork-session', since: '2.0.73', source: 'Claude Code CHANGELOG.md 2.0.73 (as --session-id)' },
  ],
  codex: [
    // `codex --resume` was replaced by the `codex resume` subcommand (openai/codex#3910, 0.39.0)
    { word: 'resume', since: '0.39.0', source: 'openai/codex issue #3910: in 0.39.0 resuming is the `codex resume` subcommand' },
  ],
  gemini: [
    // the variable itself is older (0.2, google-gemini/gemini-cli#6724); what needs 0.27.0 is
    // that hooks run without the user turning them on
    {
      word: 'GEMINI_CLI_SYSTEM_DEFAULTS_PATH',
      since: '0.27.0',
      source: 'gemini-cli v0.27.0: "enable hooks system by default" (google-gemini/gemini-cli#17247); hangar gives its hooks in the file this variable names',
      degrades: "hangar's hooks run only where hooksConfig.enabled is true in your settings; otherwise its status comes from the screen",
    },
  ],
  opencode: [],
  aider: [],
};

/** major.minor.patch found in a `--version` line (`2.1.3 (Claude Code)`, `codex-cli 0.39.0`); null when none. */
export function parseVersion(line: string): [number, number, number] | null {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(line);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** True when version `a` is older than `b`. */
export function olderThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
