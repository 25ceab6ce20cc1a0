import type { PromptScript } from './prompt-script.js';

/** What a submitted prompt asks the demo agent to do. */
export type PromptCommand =
  | { kind: 'say'; prompt: string }
  | { kind: 'write'; path: string; text: string }
  | { kind: 'append'; path: string; text: string }
  | { kind: 'rm'; path: string }
  | { kind: 'crash'; code: number }
  | { kind: 'hang' }
  | { kind: 'limit'; seconds: number }
  | { kind: 'wait'; seconds: number }
  | { kind: 'ask'; question: string }
  /** Call an MCP tool of a server given with --mcp-config; its result is the reply. */
  | { kind: 'tool'; name: string; args: Record<string, unknown> }
  /** Several steps (prompt-script.ts) run in order as one turn. */
  | { kind: 'script'; script: PromptScript }
  /** List the turns of the conversation; answered at once and not recorded as a turn. */
  | { kind: 'history' }
  /** A command that was recognised but malformed; the agent replies with the message. */
  | { kind: 'invalid'; message: string };

/** Commands that are answered at once instead of after the think time. */
export function isImmediate(command: PromptCommand): boolean {
  return command.kind !== 'say' && command.kind !== 'write' && command.kind !== 'append' && command.kind !== 'rm' && command.kind !== 'tool' && command.kind !== 'script';
}

/** Read a prompt as a command. Anything that is not a command is something to reply to. */
export function parsePromptCommand(prompt: string): PromptCommand {
  const trimmed = prompt.trim();
  const [word = '', ...rest] = trimmed.split(/\s+/);
  // The text after "write PATH " keeps its own spacing; only the first two words are split off.
  const textAfter = (count: number): string => trimmed.replace(new RegExp(`^(\\S+\\s+){${count}}`), '');

  switch (word) {
    case 'write':
    case 'append': {
      const path = rest[0];
      if (path === undefined) return { kind: 'invalid', message: `usage: ${word} PATH TEXT…` };
      const text = rest.length > 1 ? textAfter(2) : '';
      return { kind: word, path, text };
    }
    case 'rm': {
      if (rest.length !== 1) return { kind: 'invalid', message: 'usage: rm PATH' };
      return { kind: 'rm', path: rest[0]! };
    }
    case '/crash': {
      if (rest.length === 0) return { kind: 'crash', code: 1 };
      const code = Number(rest[0]);
      if (rest.length > 1 || !Number.isInteger(code) || code < 0 || code > 255) {
        return { kind: 'invalid', message: 'usage: /crash [CODE] with CODE 0..255' };
      }
      return { kind: 'crash', code };
    }
    case '/hang':
      return rest.length === 0 ? { kind: 'hang' } : { kind: 'invalid', message: 'usage: /hang' };
    case '/limit':
    case '/wait': {
      const seconds = Number(rest[0]);
      if (rest.length !== 1 || !Number.isFinite(seconds) || seconds < 0) {
        return { kind: 'invalid', message: `usage: ${word} SECONDS` };
      }
      return word === '/limit' ? { kind: 'limit', seconds } : { kind: 'wait', seconds };
    }
    case '/history':
      return rest.length === 0 ? { kind: 'history' } : { kind: 'invalid', message: 'usage: /history' };
    case '/tool': {
      const usage = 'usage: /tool NAME {json arguments}';
      const name = rest[0];
      if (name === undefined) return { kind: 'invalid', message: usage };
      const json = rest.length > 1 ? textAfter(2) : '{}';
      let args: unknown;
      try {
        args = JSON.parse(json);
      } catch (err) {
        return { kind: 'invalid', message: `${usage}: ${(err as Error).message}` };
      }
      if (typeof args !== 'object' || args === null || Array.isArray(args)) return { kind: 'invalid', message: `${usage}: the arguments must be a JSON object` };
      return { kind: 'tool', name, args: args as Record<string, unknown> };
    }
    case '/ask': {
      if (rest.length === 0) return { kind: 'invalid', message: 'usage: /ask TEXT' };
      return { kind: 'ask', question: textAfter(1) };
    }
    default:
      return { kind: 'say', prompt };
  }
}
