export type { InputAction } from './actions.js';
export { encodeSgrMouse, parseMouseReport, type MouseInput, type MouseKind } from './mouse-report.js';
export { ESCAPE_TIMEOUT_MS, createRouter, type InputMode, type InputRouter, type ModeOptions, type RouterOptions } from './router.js';
