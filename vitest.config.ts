import { defineConfig } from 'vitest/config';
import { verdictWorkerUrl } from './vite.config.ts';

export default defineConfig({
  // The worker client imports the worker's URL from this plugin.
  plugins: [verdictWorkerUrl()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bin/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
