export { Compositor, type CursorPlacement, type FrameStats, type PaneRowUpdate } from './compositor.js';
export { cursorMove, cursorTo } from './cursor-motion.js';
export type { Rect } from './rect.js';
export { sgrTransition } from './sgr-transition.js';
export { enterSequence, leaveSequence, type TerminalModeOptions } from './terminal-modes.js';
