/**
 * What `hangar hook` tells the server about one hook an agent CLI ran: the few fields hangar
 * uses, taken out of the CLI's own JSON and cut to size, so a request stays small whatever the
 * CLI put in its payload (a Notification's message, a prompt, a whole tool input). Pure.
 *
 * Payload shapes, from the CLIs' docs:
 * - Claude Code hooks (code.claude.com/docs/en/hooks, "Hook input"): JSON on stdin with
 *   `hook_event_name`, `session_id`, `transcript_path`, `cwd`; Notification adds
 *   `notification_type` (permission_prompt, idle_prompt, elicitation_dialog, …); SessionStart
 *   adds `source` (startup, resume, clear, compact); SessionEnd adds `reason`.
 * - Codex `notify` (codex docs/config.md, "notify"): the program gets one JSON argument
 *   `{"type": "agent-turn-complete", "thread-id", "turn-id", "cwd", …}`.
 * - Gemini CLI hooks (gemini-cli docs/hooks/reference.md, "Base input schema"): JSON on stdin
 *   with `session_id`, `transcript_path`, `cwd`, `hook_event_name`, `timestamp`; SessionStart
 *   adds `source`, SessionEnd `reason`, Notification `notification_type` (ToolPermission).
 */

/** The longest text any field of a report keeps. */
export const HOOK_FIELD_MAX = 512;

export interface HookReport {
  /** the event, as the CLI names it: SessionStart, Stop, agent-turn-complete, … */
  event: string;
  /** Notification's kind (permission_prompt, ToolPermission, …); SessionStart's source; SessionEnd's reason */
  detail?: string;
  /** the conversation the hook fired in: Claude's and Gemini's session_id, Codex's thread-id */
  conversationId?: string;
  /** Claude's and Gemini's transcript_path (§3 reads transcripts; this says which file is this agent's) */
  transcriptPath?: string;
}

/** The report in a CLI's hook JSON; null when it is not a hook payload hangar knows. */
export function hookReportFrom(payload: unknown): HookReport | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  const event = text(p.hook_event_name) ?? text(p.type);
  if (event === undefined) return null;
  const detail = text(p.notification_type) ?? text(p.source) ?? text(p.reason);
  const conversationId = text(p.session_id) ?? text(p['thread-id']);
  const transcriptPath = text(p.transcript_path);
  return {
    event,
    ...(detail !== undefined ? { detail } : {}),
    ...(conversationId !== undefined ? { conversationId } : {}),
    ...(transcriptPath !== undefined ? { transcriptPath } : {}),
  };
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v.slice(0, HOOK_FIELD_MAX) : undefined;
}
