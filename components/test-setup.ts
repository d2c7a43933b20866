/**
 * Setup for the `components` tests: times are shown in UTC (so a test's expected "2:07 PM" holds on
 * every machine), and each test starts with an empty page and empty storage.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

process.env.TZ = 'UTC';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
});
