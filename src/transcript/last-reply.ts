/**
 * An agent's last reply from its transcript entries: the assistant's text of the newest turn
 * that has any (a turn still running shows what it said so far), its parts joined by a blank
 * line; a subagent's text is not the agent's reply. Pure.
 */
import type { TranscriptEntry } from './transcript-entry.js';

export function lastReply(entries: readonly TranscriptEntry[]): string | null {
  const texts = entries.filter((e): e is Extract<TranscriptEntry, { type: 'text' }> => e.type === 'text' && !e.sidechain && e.text.trim() !== '');
  const newest = texts.at(-1);
  if (!newest) return null;
  return texts
    .filter((e) => e.turn === newest.turn)
    .map((e) => e.text.trim())
    .join('\n\n');
}
