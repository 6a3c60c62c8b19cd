import { defineConfig } from 'vitest/config'

// Four suites, one runner: pure logic (happy-dom), the local Appwrite-compatible server
// (Node, real HTTP), and end-to-end runs of the built extension in Chromium and in Firefox.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['e2e/appwrite/**/*.test.ts', 'e2e/client/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/tests/**/*.test.ts'],
          globalSetup: ['e2e/harness/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'firefox',
          environment: 'node',
          include: ['e2e/firefox/**/*.test.ts'],
          globalSetup: ['e2e/firefox/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
