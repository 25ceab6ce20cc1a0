/**
 * React and ink's reconciler pick their build from NODE_ENV when they first load. The
 * development build validates every render and records component timings: a chrome render
 * costs several times more and the heap grows. cockpit.ts imports this module before anything
 * that loads React, so the cockpit runs the production build; it then puts NODE_ENV back
 * (restoreNodeEnv), so that what the cockpit starts (the palette's `up`, a fleet server, their
 * agents) inherits the user's environment, not this setting.
 */
const saved = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';

export function restoreNodeEnv(): void {
  if (saved === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = saved;
}
