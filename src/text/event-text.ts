import type { FleetEvent } from '../protocol/messages.js';

/** HH:MM:SS in local time. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * One fleet event as a person reads it (`hangar events`, the cockpit's event log), without
 * its time. Screen updates, clipboard writes and usage changes are not history and have no text.
 */
export function eventText(e: FleetEvent): string | null {
  switch (e.type) {
    case 'status':
      return `${e.name} ${e.prev} → ${e.status}`;
    case 'started':
      return `${e.name} started (pid ${e.pid})`;
    case 'exit':
      return `${e.name} exited (${e.signal ? `signal ${e.signal}` : `code ${e.code ?? '-'}`})`;
    case 'log':
      return `${e.level === 'info' ? '' : `${e.level}: `}${e.message}`;
    case 'watchdog':
      return `watchdog ${e.kind}${e.level === 'warn' ? ' (warn)' : ''}: ${e.message}`;
    case 'orchestration':
      return `${e.kind}${e.level === 'warn' ? ' (warn)' : ''}: ${e.message}`;
    case 'pilot':
      return `pilot${e.level === 'warn' ? ' (warn)' : ''}: ${e.message}`;
    case 'screen':
    case 'clipboard':
    case 'usage':
      return null;
  }
}
