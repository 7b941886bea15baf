/**
 * true only in the e2e/benchmark build (TOUCHPOINT_E2E=1, wxt.config.ts; also in unit tests, vitest.config.ts).
 * A build-time constant, not a runtime flag: the store build replaces it with `false` and the bundler drops every
 * test-only power behind it (tests/e2e/store-build.spec.ts checks the production bundles for their markers).
 */
declare const __TOUCHPOINT_E2E__: boolean;
