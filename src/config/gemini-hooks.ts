/**
 * Gemini CLI's hooks, given to it without touching a settings file of the user's. Pure.
 *
 * Gemini CLI reads hooks from every settings layer and concatenates them (settingsSchema.ts:
 * each `hooks.<Event>` has mergeStrategy CONCAT), and its lowest layer, the "system defaults"
 * file, is taken from the path in $GEMINI_CLI_SYSTEM_DEFAULTS_PATH when that is set
 * (docs/reference/configuration.md, "System defaults file"; settings.ts
 * getSystemDefaultsPath). So hangar writes a defaults file of its own holding its hooks and
 * points each local gemini agent's variable at it: the user's ~/.gemini/settings.json, the
 * project's .gemini/settings.json and the system settings stay as they are, and their hooks
 * run beside hangar's. A defaults file the machine already has is carried over into hangar's
 * (its keys, and its hooks before hangar's), so pointing the variable elsewhere hides nothing.
 *
 * Events (docs/hooks/reference.md; hook-meaning.ts says what each means): SessionStart (the
 * session id and transcript path), BeforeAgent (a prompt was submitted), BeforeTool and
 * AfterTool (working), Notification (ToolPermission: a tool waits for the user's yes),
 * AfterAgent (the turn's final answer: the turn ended), SessionEnd. Every payload on stdin
 * carries session_id, transcript_path, cwd, hook_event_name and timestamp.
 */
import { dirname, join } from 'node:path';
import { HOOK_COMMAND, HOOK_TIMEOUT_S } from './hook-command.js';

/** The variable that names the system defaults file Gemini CLI reads. */
export const GEMINI_DEFAULTS_VARIABLE = 'GEMINI_CLI_SYSTEM_DEFAULTS_PATH';

/** The Gemini CLI events hangar hears. */
const GEMINI_EVENTS = ['SessionStart', 'BeforeAgent', 'BeforeTool', 'AfterTool', 'Notification', 'AfterAgent', 'SessionEnd'] as const;

/** The name hangar's hooks carry in Gemini's /hooks panel (and for `/hooks disable hangar`). */
const HOOK_NAME = 'hangar';

/**
 * The system defaults file Gemini CLI reads when hangar sets nothing: $GEMINI_CLI_SYSTEM_DEFAULTS_PATH,
 * else `system-defaults.json` beside the system settings file ($GEMINI_CLI_SYSTEM_SETTINGS_PATH,
 * else the platform's: /etc/gemini-cli, /Library/Application Support/GeminiCli, C:\ProgramData\gemini-cli).
 */
export function geminiDefaultsPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const own = env[GEMINI_DEFAULTS_VARIABLE];
  if (own) return own;
  const settings =
    env.GEMINI_CLI_SYSTEM_SETTINGS_PATH ||
    (platform === 'darwin' ? '/Library/Application Support/GeminiCli/settings.json'
      : platform === 'win32' ? 'C:\\ProgramData\\gemini-cli\\settings.json'
      : '/etc/gemini-cli/settings.json');
  return join(dirname(settings), 'system-defaults.json');
}

export type GeminiDefaults = { ok: true; text: string } | { ok: false; problem: string };

/**
 * hangar's system defaults file: the machine's own (`existing`, its text; null when there is
 * none) with hangar's hook group appended to each event's list. A file that is not a JSON
 * object cannot be carried over, so hangar gives no hooks rather than hide it.
 */
export function geminiDefaults(existing: string | null, existingPath: string): GeminiDefaults {
  let base: Record<string, unknown> = {};
  if (existing !== null && existing.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (err) {
      return { ok: false, problem: `${existingPath} is not plain JSON (${(err as Error).message}), so hangar cannot carry it over into its own` };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problem: `${existingPath} is not a JSON object` };
    base = parsed as Record<string, unknown>;
  }
  const theirs = typeof base.hooks === 'object' && base.hooks !== null && !Array.isArray(base.hooks) ? (base.hooks as Record<string, unknown>) : {};
  const hooks: Record<string, unknown> = { ...theirs };
  for (const event of GEMINI_EVENTS) {
    const before = Array.isArray(theirs[event]) ? (theirs[event] as unknown[]) : [];
    // Gemini's timeout is in milliseconds
    hooks[event] = [...before, { hooks: [{ name: HOOK_NAME, type: 'command', command: HOOK_COMMAND, timeout: HOOK_TIMEOUT_S * 1000 }] }];
  }
  return { ok: true, text: `${JSON.stringify({ ...base, hooks }, null, 2)}\n` };
}
