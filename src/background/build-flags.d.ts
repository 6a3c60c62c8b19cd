/** True only in test builds (vite.config.ts `define`): includes the test contract (test-hooks.ts). */
declare const __LANYARD_TEST_HOOKS__: boolean
