/**
 * The command-line words that make an agent CLI run `hangar hook` on the events hangar reads
 * its status from, without touching the user's settings files. Pure.
 *
 * - Claude Code: `--settings <json>` (CLI reference: "--settings: a settings JSON file or a
 *   JSON string") adds these hooks to the user's own (hooks from every settings source run).
 *   The hook format is the one of code.claude.com/docs/en/hooks: event → [{matcher?, hooks:
 *   [{type: "command", command, timeout}]}]; Notification's matcher is its notification_type.
 * - Codex: `-c notify=[…]` (config.md, "notify"): the program runs at each turn's end with the
 *   event's JSON as its last argument. Codex has no other hook a TUI session runs.
 * - Gemini CLI: no option takes hooks, but a variable names a settings file (gemini-hooks.ts):
 *   its hooks come by the environment (fleet/session-plan.ts), not by these words.
 * Which CLI a backend runs is told by its program's name, so a [backend.x] with bin = "claude"
 * gets Claude's hooks too.
 */
import { GEMINI_DEFAULTS_VARIABLE } from './gemini-hooks.js';
import { HOOK_COMMAND, HOOK_TIMEOUT_S } from './hook-command.js';
import type { BackendConfig } from './types.js';
import { shellQuote } from './template.js';

/** The Claude Code events hangar hears, with the matcher each needs (hook-meaning.ts says what they mean). */
const CLAUDE_EVENTS: Readonly<Record<string, string | undefined>> = {
  SessionStart: undefined,
  UserPromptSubmit: undefined,
  PreToolUse: undefined,
  PostToolUse: undefined,
  Stop: undefined,
  Notification: 'permission_prompt|elicitation_dialog',
  SessionEnd: undefined,
};

/** The CLI a backend runs, by its program's name. */
export function cliOf(backend: BackendConfig): string {
  const program = (backend.bin ?? '').trim().split(/\s+/)[0] ?? '';
  return program.slice(program.lastIndexOf('/') + 1);
}

/** The option (or, for Gemini CLI, the variable) hangar's hooks go by, for `hangar doctor`'s version check (null: none). */
export function hookOption(backend: BackendConfig): string | null {
  return ({ claude: '--settings', codex: '-c', gemini: GEMINI_DEFAULTS_VARIABLE } as Record<string, string>)[cliOf(backend)] ?? null;
}

/**
 * Why a backend's own `flags` would undo hangar's hook flags (null: they do not). Claude Code
 * keeps only the last `--settings` it is given (2.1.197: of two, each with a SessionStart hook,
 * only the second's ran — test/real-clis/launch-flags.test.ts), and `flags` come after the hook
 * flags on the command line, so a `--settings` there would replace hangar's and its hooks would
 * go silent.
 */
export function hookFlagConflict(backend: BackendConfig): string | null {
  if (cliOf(backend) !== 'claude' || !/(?:^|\s)--settings(?:=|\s|$)/.test(backend.flags ?? '')) return null;
  return (
    'Claude Code keeps only the last --settings, so this one would replace the one hangar passes its hooks in; ' +
    "put these settings in a file Claude Code reads as well (the agent folder's .claude/settings.local.json, or ~/.claude/settings.json)"
  );
}

/** The words to add to the CLI's command line ('' when hangar has no hooks for it). */
export function hookFlags(backend: BackendConfig): string {
  switch (cliOf(backend)) {
    case 'claude':
      return `--settings ${shellQuote(JSON.stringify(claudeHookSettings()))}`;
    case 'codex':
      return `-c ${shellQuote(`notify=${JSON.stringify(HOOK_COMMAND.split(' '))}`)}`;
    default:
      return '';
  }
}

/** Claude Code settings holding hangar's hooks and nothing else. */
function claudeHookSettings(): { hooks: Record<string, unknown[]> } {
  const hooks: Record<string, unknown[]> = {};
  for (const [event, matcher] of Object.entries(CLAUDE_EVENTS)) {
    hooks[event] = [{ ...(matcher !== undefined ? { matcher } : {}), hooks: [{ type: 'command', command: HOOK_COMMAND, timeout: HOOK_TIMEOUT_S }] }];
  }
  return { hooks };
}
