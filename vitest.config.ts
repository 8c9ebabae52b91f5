import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          root: './packages/domain',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'forecast',
          root: './packages/forecast',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root: './packages/server',
          sequence: { groupOrder: 2 },
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Database tests each create their own database and some start
          // server processes: two files at a time suit a 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
