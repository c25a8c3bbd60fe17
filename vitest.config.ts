import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/artifacts/**'],
    env: {
      // The AWS SDK probes the instance-metadata address when left alone: nothing may leave 127.0.0.1.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/summary-line-reporter.ts'],
  },
});
