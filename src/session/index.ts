/** The session layer's public surface: one pty child with an emulated screen and a status. */
export { Session, type SessionOptions, type SessionTiming, type SessionMessageOptions } from './session.js';
export { systemClock, type Clock, type TimerHandle } from '../base/clock.js';
export { ManualClock } from '../base/manual-clock.js';
export { DisposableStore, toDisposable, type Disposable } from '../base/disposable.js';
export { Emitter, type Listener } from '../base/emitter.js';
export { keyToBytes, isKeyName } from '../terminal/keys.js';
export { decideStatus, bottomRegion, screenShowsFatal, showsActivity, type StatusPatterns, type StatusObservation } from './status.js';
export { StatusTracker, type StatusTrackerOptions, type ScreenReading, type StatusOrigin } from './status-tracker.js';
export { Screen, type ScreenOptions, type CursorState } from './screen.js';
export { diffScreens } from './screen-diff.js';
export { rowToAnsi } from './row-ansi.js';
export { sendMessage, typedPayload, type SendMessageOptions, type SendResult, type MessageTarget } from './send-message.js';
export { signalGroup, liveGroupMembers, stopProcessGroup, type StopGroupOptions } from './process-group.js';
