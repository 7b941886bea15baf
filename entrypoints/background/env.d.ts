interface ImportMetaEnv {
  /** true only in the e2e/benchmark build (TOUCHPOINT_E2E=1, wxt.config.ts): test-only powers are compiled in */
  readonly TOUCHPOINT_E2E: boolean;
}
