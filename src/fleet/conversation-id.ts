import type { Disposable } from '../base/disposable.js';
import type { Session } from '../session/session.js';

/**
 * Watch a session's screen for its conversation id (the backend's `session_id_re`, first
 * group) and report it once; the watch ends itself after the first capture, so a running
 * agent costs nothing more. Dispose the result to end the watch sooner.
 */
export function watchConversationId(session: Session, pattern: RegExp, onId: (id: string) => void): Disposable {
  let done = false;
  const sub = session.onScreen(() => {
    if (done) return;
    const id = pattern.exec(session.screenText())?.[1]?.trim();
    if (!id) return;
    done = true;
    queueMicrotask(() => sub.dispose());
    onId(id);
  });
  return sub;
}
