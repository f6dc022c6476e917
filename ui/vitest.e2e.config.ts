import { defineConfig } from 'vitest/config';

// End-to-end tests drive the real app through tauri-driver; one at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
