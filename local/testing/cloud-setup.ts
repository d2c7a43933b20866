import { inject } from 'vitest';

// The cloud the global setup started (or found): every helper reads it from process.env.
Object.assign(process.env, inject('localCloud'));
