/**
 * What a hook report means for an agent's status and its turn. Pure. Only events whose meaning
 * is certain change anything; every other event (a SessionStart, an idle_prompt notification,
 * an event hangar does not know) keeps the status as it is.
 */
import type { HookReport } from '../protocol/hook-report.js';
import type { SessionStatus } from '../protocol/messages.js';

export interface HookMeaning {
  /** the status the hook says the agent is in; null: it says nothing about the status */
  status: SessionStatus | null;
  /** the agent's turn is over (Claude's Stop, Codex's agent-turn-complete): the pilot's checkpoint fires at once */
  turnEnded: boolean;
}

// Claude Code and Gemini CLI share SessionStart, SessionEnd and Notification (same fields: source,
// reason, notification_type); each has its own turn start, tool and turn end events.

/**
 * Notification kinds that mean a person must answer: Claude Code's permission_prompt and
 * elicitation_dialog (its Notification matchers), Gemini CLI's ToolPermission (a tool waits for a yes).
 */
const ASKS = new Set(['permission_prompt', 'elicitation_dialog', 'ToolPermission']);

export function hookMeaning(report: HookReport): HookMeaning {
  switch (report.event) {
    // Claude Code
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return { status: 'working', turnEnded: false };
    case 'Stop':
      return { status: 'idle', turnEnded: true };
    case 'Notification':
      return { status: ASKS.has(report.detail ?? '') ? 'needs-input' : null, turnEnded: false };
    case 'SessionEnd':
      // the conversation is over, but the CLI still runs (it waits for this hook; /clear starts
      // the next conversation in the same process): its exit, a moment later, says "exited" —
      // said here first, the watchdog would act on a process that is still ending
      return { status: null, turnEnded: false };
    // Codex notify
    case 'agent-turn-complete':
      return { status: 'idle', turnEnded: true };
    // Gemini CLI (docs/hooks/reference.md): BeforeAgent follows a submitted prompt; AfterAgent
    // fires once per turn, after the final answer (not between tool calls)
    case 'BeforeAgent':
    case 'BeforeTool':
    case 'AfterTool':
      return { status: 'working', turnEnded: false };
    case 'AfterAgent':
      return { status: 'idle', turnEnded: true };
    default:
      return { status: null, turnEnded: false };
  }
}
