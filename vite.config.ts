/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { traceryServer } from './scripts/server/vite-plugin.ts';

export default defineConfig({
  plugins: [react(), traceryServer(import.meta.dirname)],
  server: { port: 5173, host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: { sourcemap: true, target: 'es2022' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['src/core/**/*.test.ts', 'src/backends/**/*.test.ts', 'src/state/**/*.test.ts', 'src/ui/**/*.test.ts', 'src/render/**/*.test.ts', 'src/workers/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/test-setup.ts'],
        },
      },
    ],
  },
});
