#!/usr/bin/env node
// The demo agent: a small agent CLI look-alike used by the demo fleet and the tests.
import '../dist/demo/main.js';
